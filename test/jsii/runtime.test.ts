/**
 * The jsii API driven as Python, Java, .NET and Go drive it: through the jsii runtime process (the kernel), with
 * structs passed by value, enums and maps in their wire form, and a host-implemented `IRouteParent` (what a Python
 * class with `@jsii.implements(IRouteParent)` is) whose members the library calls back. The YAML must be the same as
 * the same program's in TypeScript.
 *
 * The built assembly (.jsii and lib/) is compiled first when it is missing or older than src/.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAssemblyFromFile } from '@jsii/spec';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { enumValue, JsiiHost, map, ObjRef, struct } from './host';
import {
  Backend, CanaryRoute, GatewayApiAnalysis, GatewayApiValidation, HttpRouteFilter, IRouteParent, Listener, PathMatch,
  PlatformGateway, RouteAttachmentRequest, RouteNamespaces, TeamRoute,
} from '../../src';

const ROOT = path.resolve(__dirname, '..', '..');
const LIB = 'cdk8s-gateway-api';
const GROUP = 'gateway.networking.k8s.io';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { jsiiRuntimePath } = require('../../scripts/jsii-runtime');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Compiles the assembly when it is missing or older than the sources, then packs it and its dependencies. */
function packAssemblies(dir: string): Array<{ name: string; version: string; tarball: string }> {
  const jsii = path.join(ROOT, '.jsii');
  if (!fs.existsSync(jsii) || fs.statSync(jsii).mtimeMs < newestMtime(path.join(ROOT, 'src'))) {
    execFileSync('npx', ['projen', 'compile'], { cwd: ROOT, stdio: 'pipe' }); // jsii and the post-processing of lib/
  }
  const pack = (from: string) => {
    const out = JSON.parse(execFileSync('npm', ['pack', from, '--pack-destination', dir, '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))[0];
    return { name: out.name, version: out.version, tarball: path.join(dir, out.filename) };
  };
  // in dependency order, as a binding loads them
  return [pack('./node_modules/constructs'), pack('./node_modules/cdk8s'), pack('./node_modules/cdk8s-plus-28'), pack('.')];
}

/** The TypeScript twin of the host-implemented parent below. */
class EdgeParent extends Construct implements IRouteParent {
  public readonly routeParentGroup = GROUP;
  public readonly routeParentKind = 'Gateway';
  public readonly routeParentName = 'shared';
  public readonly routeParentNamespace = 'infra';
  public readonly requests: RouteAttachmentRequest[] = [];
  public checkRouteAttachment(request: RouteAttachmentRequest): string[] {
    this.requests.push(request);
    return [];
  }
}

/** The program, in TypeScript. */
function typescriptProgram(): string {
  const app = new App();
  const infra = new Chart(app, 'infra', { namespace: 'infra' });
  const gateway = new PlatformGateway(infra, 'gateway', {
    metadata: { name: 'shared' },
    gatewayClassName: 'internet',
    listeners: [Listener.http({ hostname: '*.example.com', allowedRoutes: { namespaces: RouteNamespaces.all() } })],
  });
  const store = new Chart(app, 'store', { namespace: 'store' });
  const web = new kplus.Service(store, 'web', { metadata: { name: 'web' }, ports: [{ port: 8080 }] });
  const api = new TeamRoute(store, 'api', { metadata: { name: 'store-api' }, hostnames: ['store.example.com'] });
  api.attachTo(gateway, { sectionName: 'http' });
  api.addRule({ name: 'api', matches: [{ path: PathMatch.prefix('/api') }] })
    .addFilter(HttpRouteFilter.requestHeaderModifier({ set: { 'x-team': 'store' } }))
    .addBackend(Backend.fromService(web));
  const stable = new kplus.Service(store, 'stable', { metadata: { name: 'checkout-stable' }, ports: [{ port: 8080 }] });
  const next = new kplus.Service(store, 'next', { metadata: { name: 'checkout-canary' }, ports: [{ port: 8080 }] });
  const checkout = new CanaryRoute(store, 'checkout', {
    metadata: { name: 'checkout' },
    parents: [gateway],
    hostnames: ['checkout.example.com'],
    stable: Backend.fromService(stable),
    canary: Backend.fromService(next),
  });
  checkout.updateCanaryPercent(25);
  const edge = new EdgeParent(store, 'edge');
  new TeamRoute(store, 'edge-route', {
    metadata: { name: 'edge-route' },
    parents: [edge],
    hostnames: ['edge.example.com'],
    rules: [{ backendRefs: [Backend.fromService(web)] }],
  });
  GatewayApiValidation.enable(app);
  GatewayApiAnalysis.enable(app);
  return app.synthYaml();
}

/** The same program, as a Python program drives it through the jsii runtime. */
async function hostProgram(host: JsiiHost, rejectWith?: string): Promise<string> {
  const fqn = (name: string) => `${LIB}.${name}`;
  const meta = (name: string) => struct('cdk8s.ApiObjectMetadata', { name });
  const app = await host.create('cdk8s.App');
  const infra = await host.create('cdk8s.Chart', [app, 'infra', struct('cdk8s.ChartProps', { namespace: 'infra' })]);
  const allowedRoutes = struct(fqn('AllowedRoutes'), { namespaces: await host.sinvoke(fqn('RouteNamespaces'), 'all') });
  const http = await host.sinvoke(fqn('Listener'), 'http', [struct(fqn('HttpListenerOptions'), { hostname: '*.example.com', allowedRoutes })]);
  const gateway = await host.create(fqn('PlatformGateway'), [infra, 'gateway', struct(fqn('PlatformGatewayProps'), {
    metadata: meta('shared'), gatewayClassName: 'internet', listeners: [http],
  })]);
  const store = await host.create('cdk8s.Chart', [app, 'store', struct('cdk8s.ChartProps', { namespace: 'store' })]);
  const service = (id: string, name: string) => host.create('cdk8s-plus-28.Service', [store, id, struct('cdk8s-plus-28.ServiceProps', {
    metadata: meta(name), ports: [struct('cdk8s-plus-28.ServicePort', { port: 8080 })],
  })]);
  const web = await service('web', 'web');
  const api = await host.create(fqn('TeamRoute'), [store, 'api', struct(fqn('TeamRouteProps'), { metadata: meta('store-api'), hostnames: ['store.example.com'] })]);
  await host.invoke(api, 'attachTo', [gateway, struct(fqn('AttachOptions'), { sectionName: 'http' })]);
  const prefix = await host.sinvoke(fqn('PathMatch'), 'prefix', ['/api']);
  const rule: ObjRef = await host.invoke(api, 'addRule', [struct(fqn('HttpRouteRuleOptions'), {
    name: 'api', matches: [struct(fqn('HttpRouteMatch'), { path: prefix })],
  })]);
  const modifier = await host.sinvoke(fqn('HttpRouteFilter'), 'requestHeaderModifier', [struct(fqn('HeaderModifierOptions'), { set: map({ 'x-team': 'store' }) })]);
  await host.invoke(rule, 'addFilter', [modifier]);
  await host.invoke(rule, 'addBackend', [await host.sinvoke(fqn('Backend'), 'fromService', [web])]);
  const stable = await service('stable', 'checkout-stable');
  const next = await service('next', 'checkout-canary');
  const checkout = await host.create(fqn('CanaryRoute'), [store, 'checkout', struct(fqn('CanaryRouteProps'), {
    metadata: meta('checkout'),
    parents: [gateway],
    hostnames: ['checkout.example.com'],
    stable: await host.sinvoke(fqn('Backend'), 'fromService', [stable]),
    canary: await host.sinvoke(fqn('Backend'), 'fromService', [next]),
  })]);
  await host.invoke(checkout, 'updateCanaryPercent', [25]);
  // class EdgeParent(Construct) with @jsii.implements(IRouteParent): every member is answered by the host
  const edge = await host.create('constructs.Construct', [store, 'edge'], {
    interfaces: [fqn('IRouteParent')],
    overrides: [
      { property: 'routeParentGroup', cookie: 'route_parent_group' },
      { property: 'routeParentKind', cookie: 'route_parent_kind' },
      { property: 'routeParentName', cookie: 'route_parent_name' },
      { property: 'routeParentNamespace', cookie: 'route_parent_namespace' },
      { method: 'checkRouteAttachment', cookie: 'check_route_attachment' },
    ],
    handlers: {
      route_parent_group: () => GROUP,
      route_parent_kind: () => 'Gateway',
      route_parent_name: () => 'shared',
      route_parent_namespace: () => 'infra',
      // the struct arrives by reference; the host reads its fields back, as the Python runtime does
      check_route_attachment: async (request: ObjRef) => {
        const kind = await host.get(request, 'routeKind');
        if (kind !== 'HTTPRoute') throw new Error(`unexpected route kind ${kind}`);
        return rejectWith ? [rejectWith] : [];
      },
    },
  });
  await host.create(fqn('TeamRoute'), [store, 'edge-route', struct(fqn('TeamRouteProps'), {
    metadata: meta('edge-route'),
    parents: [edge],
    hostnames: ['edge.example.com'],
    rules: [struct(fqn('HttpRouteRuleOptions'), { backendRefs: [await host.sinvoke(fqn('Backend'), 'fromService', [web])] })],
  })]);
  await host.sinvoke(fqn('GatewayApiValidation'), 'enable', [app, struct(fqn('GatewayApiValidationOptions'), {})]);
  await host.sinvoke(fqn('GatewayApiAnalysis'), 'enable', [app]);
  return host.invoke(app, 'synthYaml');
}

let tmp: string;
let assemblies: Array<{ name: string; version: string; tarball: string }>;
let runtime: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jsii-runtime-'));
  runtime = jsiiRuntimePath();
  assemblies = packAssemblies(tmp);
}, 600_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function withHost<T>(fn: (host: JsiiHost) => Promise<T>): Promise<T> {
  const host = new JsiiHost(runtime);
  try {
    expect(await host.hello()).toMatch(/^@jsii\/runtime@/);
    for (const a of assemblies) await host.load(a.name, a.version, a.tarball);
    return await fn(host);
  } finally {
    host.close();
  }
}

test('a program driven through the jsii runtime synthesizes the same YAML as in TypeScript', async () => {
  const expected = typescriptProgram();
  await withHost(async (host) => {
    const yaml = await hostProgram(host);
    expect(yaml).toEqual(expected);
    // the library asked the host-implemented parent, as it would a Python or Java object
    expect(host.callbacks).toEqual(expect.arrayContaining(['route_parent_name([])', expect.stringMatching(/^check_route_attachment\(/)]));
  });
}, 300_000);

test('fails synth with the message a host-implemented parent returns', async () => {
  await withHost(async (host) => {
    await expect(hostProgram(host, 'listener "edge" is closed for maintenance'))
      .rejects.toThrow(/listener "edge" is closed for maintenance/);
  });
}, 300_000);

test('fails if a value does not cross in the form the bindings send (an unknown enum member, a struct for a class)', async () => {
  await withHost(async (host) => {
    await expect(host.sinvoke(`${LIB}.GatewayApiValidation`, 'enable', [await host.create('cdk8s.App'), struct(`${LIB}.GatewayApiValidationOptions`, {
      channel: enumValue(`${LIB}.ValidationChannel`, 'NIGHTLY'),
    })])).rejects.toThrow(/NIGHTLY/);
    await expect(host.sinvoke(`${LIB}.Backend`, 'fromService', [struct('cdk8s-plus-28.ServiceProps', {})]))
      .rejects.toThrow(/jsii/);
  });
}, 300_000);

test('the assembly has no union types and takes `any` only for manifests (JSON values)', () => {
  const assembly = loadAssemblyFromFile(path.join(ROOT, '.jsii')); // follows the redirect to the gzipped assembly
  const found: string[] = [];
  const walk = (t: any, where: string): void => {
    if (!t) return;
    if (t.union) found.push(`union at ${where}`);
    // JSON values only: manifests, specs, plugin contexts, and toJson() (the cdk8s convention)
    if (t.primitive === 'any' && !/(objects|manifests?|spec|value|context)\b|\.toJson\(\) returns$/i.test(where)) found.push(`any at ${where}`);
    if (t.collection) walk(t.collection.elementtype, where);
  };
  for (const [fqn, type] of Object.entries<any>(assembly.types ?? {})) {
    if (/^cdk8s-gateway-api\.(gatewayapi|gatewayapi_experimental|gatewayapix)\./.test(fqn)) continue; // generated L1
    for (const p of type.properties ?? []) walk(p.type, `${fqn}.${p.name}`);
    for (const m of type.methods ?? []) {
      for (const p of m.parameters ?? []) walk(p.type, `${fqn}.${m.name}(${p.name})`);
      if (m.returns) walk(m.returns.type, `${fqn}.${m.name}() returns`);
    }
    for (const p of type.initializer?.parameters ?? []) walk(p.type, `${fqn}(${p.name})`);
    if (type.datatype && (type.methods ?? []).length > 0) found.push(`struct with methods: ${fqn}`);
  }
  expect(found).toEqual([]);
});
