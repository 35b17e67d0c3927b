/**
 * `cdk8s-gateway-api route`: what a conformant implementation does with a request, from manifests, offline.
 * Not part of the jsii API.
 */
import * as fs from 'fs';
import { Command, CommanderError, Option } from 'commander';
import { InputError, readManifests } from './input';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { MissingReferencePolicy } from '../analysis/types';
import { RoutingResult } from '../routing/result';
import { RoutingSimulator } from '../routing/simulator';
import { RoutingRequest } from '../routing/types';

class UsageError extends Error {}

const HELP_AFTER = `
The single-request form takes a URL (http://, https://; a missing scheme means http) and prints the decision with
its explanation. The batch form reads a JSON array of requests (fields: gateway {namespace,name}, port, scheme, host,
sni, method, path, headers, protocol, grpc {service,method}, backendResponseHeaders, clientCertificate) and prints a
JSON array of results, one per request, in the same order.

Examples:
  cdk8s-gateway-api route https://store.example.com/api/items dist/
  cdk8s-gateway-api route -X POST -H 'x-canary: always' http://store.example.com/cart dist/
  cdk8s-gateway-api route --grpc store.v1.Catalog/List https://grpc.example.com dist/
  cdk8s-gateway-api route --requests requests.json --output json dist/

Exit codes: 0 when the simulation ran (whatever the routing outcome), 2 on a usage error or unreadable input.
`;

function header(value: string, name: string): [string, string] {
  const i = value.indexOf(':');
  if (i <= 0) throw new UsageError(`${name} must be 'name: value' (got "${value}")`);
  return [value.slice(0, i).trim(), value.slice(i + 1).trim()];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The request of a URL and the single-request options. */
function requestOf(url: string, opts: any): RoutingRequest {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new UsageError(`"${url}" is not a URL (e.g. https://store.example.com/api)`);
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new UsageError(`URL scheme "${scheme}" is not supported: use http or https`);
  const headers: { [k: string]: string } = {};
  for (const h of opts.header ?? []) {
    const [k, v] = header(h, '-H');
    headers[k] = v;
  }
  const responseHeaders: { [k: string]: string } = {};
  for (const h of opts.responseHeader ?? []) {
    const [k, v] = header(h, '--response-header');
    responseHeaders[k] = v;
  }
  // an explicit Host header wins over the URL's host (as with curl)
  const hostHeader = Object.keys(headers).find((k) => k.toLowerCase() === 'host');
  const host = hostHeader !== undefined ? headers[hostHeader] : u.hostname;
  if (hostHeader !== undefined) delete headers[hostHeader];
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  let grpc: { service: string; method: string } | undefined;
  if (opts.grpc !== undefined) {
    const m = /^\/?([^/\s]+)\/([^/\s]+)$/.exec(opts.grpc);
    if (!m) throw new UsageError(`--grpc must be service/method, e.g. store.v1.Catalog/List (got "${opts.grpc}")`);
    grpc = { service: m[1], method: m[2] };
  }
  let gateway: { namespace: string; name: string } | undefined;
  if (opts.gateway !== undefined) gateway = gatewayOf(opts.gateway);
  return {
    ...(gateway ? { gateway } : {}),
    ...(u.port ? { port: Number(u.port) } : {}),
    scheme,
    ...(isIp ? {} : { host }),
    ...(opts.sni !== undefined ? { sni: opts.sni } : {}),
    ...(opts.request !== undefined ? { method: String(opts.request).toUpperCase() } : {}),
    path: grpc ? `/${grpc.service}/${grpc.method}` : `${u.pathname || '/'}${u.search}`,
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(grpc ? { protocol: 'grpc', grpc } : {}),
    ...(Object.keys(responseHeaders).length ? { backendResponseHeaders: responseHeaders } : {}),
    ...(opts.clientCertificate ? { clientCertificate: true } : {}),
  };
}

function gatewayOf(value: string): { namespace: string; name: string } {
  const parts = value.split('/');
  if (parts.length !== 2 || parts.some((p) => p === '')) throw new UsageError(`--gateway must be namespace/name (got "${value}")`);
  return { namespace: parts[0], name: parts[1] };
}

/** The requests of a --requests file: a JSON array of objects. */
function requestsOf(text: string, file: string): RoutingRequest[] {
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputError(`cannot read ${file}: not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new InputError(`cannot read ${file}: expected a JSON array of requests, got ${parsed === null ? 'null' : typeof parsed}`);
  parsed.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new InputError(`cannot read ${file}: request ${i} is not an object`);
  });
  return parsed;
}

function describeRequest(r: RoutingRequest): string {
  const scheme = r.scheme ?? 'http';
  const port = r.port !== undefined && r.port !== (scheme === 'https' ? 443 : 80) ? `:${r.port}` : '';
  if (r.grpc) return `gRPC ${r.grpc.service}/${r.grpc.method} on ${scheme}://${r.host ?? '(gateway address)'}${port}`;
  return `${r.method ?? 'GET'} ${scheme}://${r.host ?? '(gateway address)'}${port}${r.path}`;
}

/** The text rendering of one result. */
export function formatRoutingResult(request: RoutingRequest, r: RoutingResult): string {
  const out: string[] = [];
  const status = r.statusCode === 0 ? '0 (connection refused)' : String(r.statusCode);
  out.push(`${describeRequest(request)} → ${status}${r.grpcStatus ? `, gRPC ${r.grpcStatus}` : ''}${r.implementationSpecific ? ' (implementation-specific)' : ''}`);
  if (r.error) out.push(`error:     ${r.error}`);
  if (r.gateway) out.push(`gateway:   ${r.gateway.namespace}/${r.gateway.name}, listener ${r.listener ?? '-'}`);
  if (r.route) out.push(`route:     ${r.route.kind} ${r.route.namespace}/${r.route.name}, rule ${r.rule?.index ?? '-'}${r.rule?.name ? ` (${r.rule.name})` : ''}`);
  if (r.redirect) out.push(`redirect:  ${r.redirect.statusCode} ${r.redirect.location}`);
  for (const b of r.backends) {
    out.push(`backend:   ${b.kind === 'Service' && b.group === '' ? '' : `${b.group ? b.group + '/' : ''}${b.kind} `}${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''} `
      + `${Number((b.probability * 100).toFixed(2))}%${b.invalidReason ? ` → 500 (${b.invalidReason})` : ''}${b.appProtocol ? ` [${b.appProtocol}]` : ''}${b.tls ? ` [TLS, SNI ${b.tls.sni}]` : ''}`);
  }
  const rab = r.requestAtBackend;
  if (rab) {
    out.push(`at backend: ${rab.method} ${rab.host ?? '(no host)'}${rab.path}`);
    for (const [k, v] of Object.entries(rab.headers)) out.push(`  ${k}: ${v}`);
  }
  for (const m of r.mirrors) out.push(`mirror:    ${m.namespace}/${m.name}${m.port !== undefined ? `:${m.port}` : ''} ${m.percent}%`);
  const rh = Object.entries(r.responseHeaders);
  if (rh.length > 0) {
    out.push('response headers:');
    for (const [k, v] of rh) out.push(`  ${k}: ${v}`);
  }
  out.push('explanation:');
  for (const line of r.explanation) out.push(`  - ${line}`);
  return out.join('\n') + '\n';
}

/** `cdk8s-gateway-api route`. */
export function createRouteCommand(io: CliIo, setExit: (code: number) => void): Command {
  const cmd = new Command('route');
  cmd
    .description('Predict which Gateway, listener, route, rule and backend get a request, and what the request looks like there (offline, from manifests).')
    .usage('[options] <URL> <file|dir|->...\n       route --requests <file.json|-> --output json <file|dir|->...')
    .argument('<args...>', 'the URL (not with --requests), then the manifest files, directories or - (stdin)')
    .option('-X, --request <method>', 'HTTP method (default GET; POST for --grpc)')
    .option('-H, --header <header>', "request header 'name: value' (repeatable)", collect, [])
    .option('--gateway <namespace/name>', 'the Gateway dialled (default: the one whose listener matches the host most specifically)')
    .option('--sni <name>', 'TLS SNI (default: the URL host, for https)')
    .option('--grpc <service/method>', 'a gRPC call, e.g. store.v1.Catalog/List')
    .option('--response-header <header>', "a header the backend answers with, 'name: value' (repeatable)", collect, [])
    .option('--client-certificate', 'the client presents a (valid) client certificate')
    .option('--requests <file.json|->', 'batch: a JSON array of requests (- for stdin)')
    .addOption(new Option('--output <format>', 'text or json').choices(['text', 'json']).default('text'))
    .addOption(new Option('--missing-refs <policy>', 'referents not in the input are missing (error) or assumed to exist (unknown)').choices(['error', 'unknown']).default('error'))
    .option('--default-namespace <ns>', 'namespace of objects without metadata.namespace', 'default')
    .addHelpText('after', HELP_AFTER)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride((err: CommanderError) => {
      setExit(err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version' ? EXIT_OK : EXIT_USAGE);
      throw err;
    })
    .action((args: string[], opts: any) => {
      setExit(runRoute(args, opts, io));
    });
  return cmd;
}

function runRoute(args: string[], opts: any, io: CliIo): number {
  let requests: RoutingRequest[];
  let inputs: string[];
  let objects: any[];
  const batch = opts.requests !== undefined;
  try {
    if (batch) {
      for (const o of ['request', 'gateway', 'sni', 'grpc', 'clientCertificate']) {
        if (opts[o] !== undefined) throw new UsageError(`--${o === 'request' ? 'request (-X)' : o.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} applies to a single URL, not to --requests (put it in the request objects)`);
      }
      if ((opts.header ?? []).length > 0 || (opts.responseHeader ?? []).length > 0) throw new UsageError('-H and --response-header apply to a single URL, not to --requests');
      inputs = args;
      if (inputs.length === 0) throw new UsageError('no manifest inputs (files, directories or -)');
      if (opts.requests === '-' && inputs.includes('-')) throw new UsageError('standard input cannot hold both the requests and the manifests');
      requests = [];
    } else {
      if (args.length < 2) throw new UsageError(args.length === 0 ? 'missing the URL and the manifest inputs' : 'no manifest inputs (files, directories or -) after the URL');
      inputs = args.slice(1);
      requests = [requestOf(args[0], opts)];
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`cdk8s-gateway-api route: ${e.message}\nRun 'cdk8s-gateway-api route --help' for the usage.\n`);
    return EXIT_USAGE;
  }
  try {
    if (batch) {
      const file: string = opts.requests;
      let text: string;
      try {
        text = file === '-' ? (io.readStdin ? io.readStdin() : '') : (io.readFile ?? ((f: string) => fs.readFileSync(f, 'utf8')))(file);
      } catch (e) {
        throw new InputError(`cannot read ${file === '-' ? 'standard input' : file}: ${(e as Error).message}`);
      }
      requests = requestsOf(text, file === '-' ? '<stdin>' : file);
    }
    objects = readManifests(inputs, io);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(`cdk8s-gateway-api route: ${e.message}\n`);
    return EXIT_USAGE;
  }
  let simulator: RoutingSimulator;
  try {
    simulator = RoutingSimulator.fromManifests(objects, {
      defaultNamespace: opts.defaultNamespace,
      missingReferences: opts.missingRefs === 'unknown' ? MissingReferencePolicy.UNKNOWN : MissingReferencePolicy.ERROR,
    });
  } catch (e) {
    io.stderr(`cdk8s-gateway-api route: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  const results = requests.map((r) => simulator.simulate(r));
  if (opts.output === 'json') {
    const json = results.map((r) => r.toJson());
    io.stdout(JSON.stringify(batch ? json : json[0], undefined, 2) + '\n');
  } else {
    io.stdout(results.map((r, i) => formatRoutingResult(requests[i], r)).join('\n'));
  }
  return EXIT_OK;
}
