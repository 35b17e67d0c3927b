/**
 * `cdk8s-gateway-api analyze`: the attachment analysis over YAML/JSON files. Not part of the jsii API.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type * as YamlModule from 'yaml';
import { InputError, readManifests } from './input';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { GatewayApiAnalyzer } from '../analysis/analyzer';
import { _GATEWAY_GROUP } from '../analysis/engine';
import { ExternalObject, FindingSeverity, MissingReferencePolicy } from '../analysis/types';
import { findRoutingFindings } from '../routing/findings';

interface AnalyzeOptions {
  readonly output: 'yaml' | 'json' | 'table';
  readonly failOn: 'error' | 'warning' | 'none';
  readonly missingRefs: 'error' | 'unknown';
  readonly completeNamespace: string[];
  readonly external: ExternalObject[];
  readonly defaultNamespace: string;
}

const GATEWAY_KINDS = new Set(['GatewayClass', 'Gateway', 'ListenerSet', 'ReferenceGrant', 'BackendTLSPolicy', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

/** Parses an `--external` value: `<Kind>/<name>` or `<Kind>/<namespace>/<name>`. */
export function parseExternal(value: string): ExternalObject {
  const parts = value.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new InvalidArgumentError(`--external must be <Kind>/<name> or <Kind>/<namespace>/<name> (got "${value}")`);
  }
  const kind = parts[0];
  const group = GATEWAY_KINDS.has(kind) ? _GATEWAY_GROUP : '';
  return parts.length === 2 ? { group, kind, name: parts[1] } : { group, kind, namespace: parts[1], name: parts[2] };
}

const collect = <T>(parse: (v: string) => T) => (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];

/** The `analyze` command. */
export function createAnalyzeCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('analyze')
    .summary('predict the status a conformant controller would write (Accepted, ResolvedRefs, attachedRoutes)')
    .description('Predicts the status a conformant Gateway API v1.6.1 controller would write (route Accepted/ResolvedRefs per parent, Gateway and listener conditions, attachedRoutes) from manifests, offline. Directories are read recursively (*.yaml, *.yml, *.json; multi-document YAML, JSON objects, arrays and Lists); \'-\' reads standard input.')
    .argument('[paths...]', 'files, directories, or - for standard input')
    .addOption(new Option('-o, --output <format>', 'yaml: the Gateway API objects with their status, multi-document YAML; ' +
      'json: one JSON array; table: only the summary table (to stdout)').choices(['yaml', 'json', 'table']).default('yaml'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding of this severity or worse is found')
      .choices(['error', 'warning', 'none']).default('error'))
    .addOption(new Option('--missing-refs <policy>', 'referents not in the input are missing (error) or assumed to exist (unknown)')
      .choices(['error', 'unknown']).default('error'))
    .option('--complete-namespace <ns>', 'with --missing-refs unknown: a namespace whose objects are all in the input (repeatable)', collect((v) => v), [] as string[])
    .option('--external <Kind/[ns/]name>', 'an object owned elsewhere, counted as existing (repeatable), e.g. ' +
      'GatewayClass/shared, Service/shared-services/auth, Gateway/infra/shared', collect(parseExternal), [] as ExternalObject[])
    .option('--default-namespace <ns>', 'namespace of objects without metadata.namespace', 'default')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', `
Exit status: 0 ok, 1 --fail-on reached, 2 usage error or unreadable input.
The summary table goes to stderr (stdout with --output table).`)
    .action(function (this: Command, paths: string[], options: AnalyzeOptions) {
      if (paths.length === 0) this.error('no input files', { exitCode: EXIT_USAGE, code: 'cdk8s-gateway-api.usage' });
      setExit(runAnalyze(paths, options, io));
    });
}

/**
 * The GatewayClasses that Gateways of `objects` name but that neither the input nor `--external` holds, with the
 * Gateways naming each (sorted). A manifest set rarely holds its GatewayClass: the platform installs it with the
 * controller. So it is assumed to exist, with a note, rather than reported as an error.
 */
function gatewayClassesOutsideInput(objects: readonly any[], externals: readonly ExternalObject[], defaultNamespace: string): Map<string, string[]> {
  const isGatewayApi = (o: any) => o && typeof o === 'object' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${_GATEWAY_GROUP}/`);
  const known = new Set<string>([
    ...objects.filter((o) => isGatewayApi(o) && o.kind === 'GatewayClass').map((o) => String(o.metadata?.name ?? '')),
    ...externals.filter((e) => e.kind === 'GatewayClass').map((e) => e.name),
  ]);
  const missing = new Map<string, string[]>();
  for (const o of objects) {
    if (!isGatewayApi(o) || o.kind !== 'Gateway') continue;
    const name = o.spec?.gatewayClassName;
    if (typeof name !== 'string' || name === '' || known.has(name)) continue;
    const gateway = `${o.metadata?.namespace || defaultNamespace}/${o.metadata?.name ?? ''}`;
    missing.set(name, [...(missing.get(name) ?? []), gateway].sort());
  }
  return new Map([...missing].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Runs the analysis of `paths` and writes the objects and the summary; returns the exit status. */
function runAnalyze(paths: readonly string[], args: AnalyzeOptions, io: CliIo): number {
  let objects: any[];
  try {
    objects = readManifests(paths, io);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(`cdk8s-gateway-api analyze: ${e.message}\n`);
    return EXIT_USAGE;
  }

  const platformClasses = gatewayClassesOutsideInput(objects, args.external, args.defaultNamespace);
  for (const [name, gateways] of platformClasses) {
    io.stderr(`cdk8s-gateway-api analyze: note: GatewayClass "${name}" (of Gateway${gateways.length === 1 ? '' : 's'} ${gateways.join(', ')}) is not in the input; ` +
      `it is assumed to be installed in the cluster. Pass --external GatewayClass/${name} to declare it, or add its manifest to the input.\n`);
  }
  const analysisOptions = {
    defaultNamespace: args.defaultNamespace,
    missingReferences: args.missingRefs === 'unknown' ? MissingReferencePolicy.UNKNOWN : MissingReferencePolicy.ERROR,
    completeNamespaces: args.completeNamespace,
    externalObjects: [...args.external, ...[...platformClasses.keys()].map((name) => ({ group: _GATEWAY_GROUP, kind: 'GatewayClass', name }))],
  };
  const report = new GatewayApiAnalyzer().analyze(objects, analysisOptions);
  // warnings of the routing engine: unreachable rules, hostnames two Gateways claim (its index reads this analysis)
  report.findings.push(...findRoutingFindings(objects, analysisOptions, report));
  const gatewayApi = report.objects.filter((o) => o && typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${_GATEWAY_GROUP}/`));
  const summary = report.summary();
  if (args.output === 'table') {
    io.stdout(summary);
  } else {
    if (args.output === 'json') {
      io.stdout(JSON.stringify(gatewayApi, undefined, 2) + '\n');
    } else {
      // YAML 1.1 quoting (timestamps, yes/no/on/off) so YAML 1.1 readers (kubectl's go-yaml, PyYAML) see strings;
      // yaml is loaded for YAML output only: startup stays fast
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const YAML: typeof YamlModule = require('yaml');
      io.stdout(gatewayApi.map((o) => YAML.stringify(o, { lineWidth: 0, version: '1.1' })).join('---\n'));
    }
    io.stderr(summary);
  }
  const errors = report.findings.filter((f) => f.severity === FindingSeverity.ERROR).length;
  const warnings = report.findings.length - errors;
  if (args.failOn === 'error' && errors > 0) return EXIT_FINDINGS;
  if (args.failOn === 'warning' && errors + warnings > 0) return EXIT_FINDINGS;
  return EXIT_OK;
}
