/**
 * `cdk8s-gateway-api analyze`: the attachment analysis over YAML/JSON files, as an in-process function.
 * Not part of the jsii API; the bin wires it as a subcommand.
 */
import * as YAML from 'yaml';
import { InputError, readManifests } from './input';
import { CliIo } from './io';
import { GatewayApiAnalyzer } from '../analysis/analyzer';
import { _GATEWAY_GROUP } from '../analysis/engine';
import { ExternalObject, FindingSeverity, MissingReferencePolicy } from '../analysis/types';
import { findRoutingFindings } from '../routing/findings';

/** The usage text of `cdk8s-gateway-api analyze`. */
export const ANALYZE_USAGE = `Usage: cdk8s-gateway-api analyze [options] <file|dir>...

Predicts the status a conformant Gateway API v1.6.1 controller would write (route Accepted/ResolvedRefs per parent,
Gateway and listener conditions, attachedRoutes) from manifests, offline. Directories are read recursively
(*.yaml, *.yml, *.json; multi-document YAML, JSON objects, arrays and Lists).

Options:
  --output yaml|json|table       yaml (default): the Gateway API objects with their status, multi-document YAML;
                                 json: one JSON array; table: only the summary table (to stdout)
  --fail-on error|warning|none   exit 1 when a finding of this severity or worse is found (default: error)
  --missing-refs error|unknown   referents not in the input are missing (default: error) or assumed to exist
  --complete-namespace <ns>      with --missing-refs unknown: a namespace whose objects are all in the input (repeatable)
  --external <Kind>/[<ns>/]<name>  an object owned elsewhere, counted as existing (repeatable), e.g.
                                 GatewayClass/shared, Service/shared-services/auth, Gateway/infra/shared
  --default-namespace <ns>       namespace of objects without metadata.namespace (default: default)
  -h, --help                     this help

Exit codes: 0 ok, 1 --fail-on reached, 2 usage error or unreadable input.
The summary table goes to stderr (stdout with --output table).
`;

class UsageError extends Error {}

interface CliArgs {
  output: string;
  failOn: string;
  missingRefs: string;
  completeNamespaces: string[];
  externals: ExternalObject[];
  defaultNamespace: string;
  inputs: string[];
  help: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { output: 'yaml', failOn: 'error', missingRefs: 'error', completeNamespaces: [], externals: [], defaultNamespace: 'default', inputs: [], help: false };
  const list = argv[0] === 'analyze' ? argv.slice(1) : [...argv];
  for (let i = 0; i < list.length; i++) {
    let a = list[i];
    let value: string | undefined;
    if (a.startsWith('--') && a.includes('=')) {
      value = a.slice(a.indexOf('=') + 1);
      a = a.slice(0, a.indexOf('='));
    }
    const take = (choices?: string[]): string => {
      const v = value ?? list[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (choices && !choices.includes(v)) throw new UsageError(`${a} must be one of ${choices.join(', ')} (got "${v}")`);
      return v;
    };
    switch (a) {
      case '-h': case '--help': args.help = true; break;
      case '--output': case '-o': args.output = take(['yaml', 'json', 'table']); break;
      case '--fail-on': args.failOn = take(['error', 'warning', 'none']); break;
      case '--missing-refs': args.missingRefs = take(['error', 'unknown']); break;
      case '--complete-namespace': args.completeNamespaces.push(take()); break;
      case '--default-namespace': args.defaultNamespace = take(); break;
      case '--external': args.externals.push(parseExternal(take())); break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        args.inputs.push(a);
    }
  }
  return args;
}

const GATEWAY_KINDS = new Set(['GatewayClass', 'Gateway', 'ListenerSet', 'ReferenceGrant', 'BackendTLSPolicy', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

function parseExternal(value: string): ExternalObject {
  const parts = value.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new UsageError(`--external must be <Kind>/<name> or <Kind>/<namespace>/<name> (got "${value}")`);
  }
  const kind = parts[0];
  const group = GATEWAY_KINDS.has(kind) ? _GATEWAY_GROUP : '';
  return parts.length === 2 ? { group, kind, name: parts[1] } : { group, kind, namespace: parts[1], name: parts[2] };
}

/**
 * Runs `cdk8s-gateway-api analyze` with `argv` (the arguments after the subcommand name; a leading `analyze` is
 * skipped) and returns the exit code: 0 ok, 1 when `--fail-on` is reached, 2 for usage errors or unreadable input.
 */
export function runAnalyzeCli(argv: string[], io: CliIo): number {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`cdk8s-gateway-api analyze: ${e.message}\n\n${ANALYZE_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(ANALYZE_USAGE);
    return 0;
  }
  if (args.inputs.length === 0) {
    io.stderr(`cdk8s-gateway-api analyze: no input files\n\n${ANALYZE_USAGE}`);
    return 2;
  }
  let objects: any[];
  try {
    objects = readManifests(args.inputs, io);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(`cdk8s-gateway-api analyze: ${e.message}\n`);
    return 2;
  }

  const analysisOptions = {
    defaultNamespace: args.defaultNamespace,
    missingReferences: args.missingRefs === 'unknown' ? MissingReferencePolicy.UNKNOWN : MissingReferencePolicy.ERROR,
    completeNamespaces: args.completeNamespaces,
    externalObjects: args.externals,
  };
  const report = new GatewayApiAnalyzer().analyze(objects, analysisOptions);
  // warnings of the routing engine: unreachable rules, hostnames two Gateways claim
  report.findings.push(...findRoutingFindings(objects, analysisOptions));
  const gatewayApi = report.objects.filter((o) => o && typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${_GATEWAY_GROUP}/`));
  const summary = report.summary();
  if (args.output === 'table') {
    io.stdout(summary);
  } else {
    if (args.output === 'json') io.stdout(JSON.stringify(gatewayApi, undefined, 2) + '\n');
    // YAML 1.1 quoting (timestamps, yes/no/on/off) so YAML 1.1 readers (kubectl's go-yaml, PyYAML) see strings
    else io.stdout(gatewayApi.map((o) => YAML.stringify(o, { lineWidth: 0, version: '1.1' })).join('---\n'));
    io.stderr(summary);
  }
  const errors = report.findings.filter((f) => f.severity === FindingSeverity.ERROR).length;
  const warnings = report.findings.length - errors;
  if (args.failOn === 'error' && errors > 0) return 1;
  if (args.failOn === 'warning' && errors + warnings > 0) return 1;
  return 0;
}
