/**
 * Jest matchers for routing tests (TypeScript/JavaScript only; not part of the jsii API).
 *
 * ```ts
 * // jest.config: setupFilesAfterEnv: ['cdk8s-gateway-api/lib/src/testing/jest']
 * // or, at the top of a test file:
 * import { routeRequest } from 'cdk8s-gateway-api/lib/src/testing/jest';
 *
 * expect(routeRequest(app, { host: 'store.example.com', path: '/api' })).toRouteTo('store/web', 8080);
 * expect(routeRequest(app, { host: 'store.example.com', path: '/' })).toRedirectTo('https://store.example.com/', 301);
 * expect(routeRequest(app, { host: 'nope.example.com', path: '/' })).toRespondWith(404);
 * ```
 *
 * Importing the module registers the matchers with the global `expect` (when there is one); `routingMatchers` can
 * also be passed to `expect.extend()` by hand. Failure messages include the simulator's explanation trail.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { RoutingResult } from '../routing/result';
import { RoutingSimulator } from '../routing/simulator';
import { RoutingOptions, RoutingRequest, RoutingRequestAtBackend } from '../routing/types';

/** A request and what the simulator predicts for it: the subject of the routing matchers. */
export class RoutedRequest {
  public constructor(public readonly request: RoutingRequest, public readonly result: RoutingResult) {}

  /** The request and the decision, with the explanation, for failure messages. */
  public describe(): string {
    const r = this.result;
    const req = this.request;
    const lines = [
      `request: ${req.method ?? 'GET'} ${req.scheme ?? 'http'}://${req.host ?? '(gateway address)'}${req.port !== undefined ? `:${req.port}` : ''}${req.path}`,
      `result:  ${r.statusCode}${r.route ? ` by ${r.route.kind} ${r.route.namespace}/${r.route.name} rule ${r.rule?.index}` : ''}`
        + `${r.backends.length ? `; backends ${r.backends.map((b) => `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''} ${Number((b.probability * 100).toFixed(2))}%${b.invalidReason ? ` (${b.invalidReason})` : ''}`).join(', ')}` : ''}`
        + `${r.redirect ? `; redirect ${r.redirect.statusCode} ${r.redirect.location}` : ''}${r.error ? `; error: ${r.error}` : ''}`,
      'explanation:',
      ...r.explanation.map((l) => `  - ${l}`),
    ];
    return lines.join('\n');
  }
}

/** What `routeRequest` simulates on: an App (or any construct of it), a simulator, or plain manifests. */
export type RoutingSubject = IConstruct | RoutingSimulator | any[];

const CACHE = new WeakMap<object, { size: number; simulator: RoutingSimulator }>();

/**
 * The simulator of `subject`. For a construct, the simulator of its App is built once and reused while the App
 * keeps the same number of constructs.
 */
export function routingOf(subject: RoutingSubject, options?: RoutingOptions): RoutingSimulator {
  if (subject instanceof RoutingSimulator) return subject;
  if (Array.isArray(subject)) return RoutingSimulator.fromManifests(subject, options);
  const root = subject.node.root;
  const size = root.node.findAll().filter((c) => c instanceof ApiObject).length;
  const cached = options === undefined ? CACHE.get(root) : undefined;
  if (cached && cached.size === size) return cached.simulator;
  const simulator = RoutingSimulator.fromApp(root, options);
  if (options === undefined) CACHE.set(root, { size, simulator });
  return simulator;
}

/** Simulates `request` on `subject`; pass the result to `expect()` and use the routing matchers. */
export function routeRequest(subject: RoutingSubject, request: RoutingRequest): RoutedRequest {
  return new RoutedRequest(request, routingOf(subject).simulate(request));
}

interface MatcherResult { pass: boolean; message: () => string }

function check(received: unknown, name: string): RoutedRequest {
  if (!(received instanceof RoutedRequest)) {
    throw new Error(`${name}: expect() needs the result of routeRequest(app, request), e.g. expect(routeRequest(app, { host: 'a.example.com', path: '/' })).${name}(…)`);
  }
  return received;
}

function parseService(service: string): { namespace?: string; name: string } {
  const parts = service.split('/');
  return parts.length === 2 ? { namespace: parts[0], name: parts[1] } : { name: service };
}

/** The matchers, for `expect.extend(routingMatchers)`. */
export const routingMatchers = {
  /**
   * Passes when the request is forwarded (no redirect, no error status) and `service` (`namespace/name` or `name`)
   * on `port` (when given) gets a share of it; with `probability`, exactly that share.
   */
  toRouteTo(received: unknown, service: string, port?: number, probability?: number): MatcherResult {
    const r = check(received, 'toRouteTo');
    const want = parseService(service);
    const hit = r.result.backends.find((b) => b.name === want.name && (want.namespace === undefined || b.namespace === want.namespace)
      && (port === undefined || b.port === port) && !b.invalidReason && b.probability > 0);
    const forwarded = r.result.statusCode === 200 && !r.result.redirect && r.result.requestAtBackend !== undefined;
    const shareOk = probability === undefined || (hit !== undefined && Math.abs(hit.probability - probability) < 1e-9);
    const pass = forwarded && hit !== undefined && shareOk;
    const target = `${service}${port !== undefined ? `:${port}` : ''}${probability !== undefined ? ` with probability ${probability}` : ''}`;
    return { pass, message: () => `expected the request ${pass ? 'not ' : ''}to be routed to ${target}\n${r.describe()}` };
  },

  /** Passes when the Gateway answers with a redirect to `location` (and `statusCode`, when given). */
  toRedirectTo(received: unknown, location: string, statusCode?: number): MatcherResult {
    const r = check(received, 'toRedirectTo');
    const red = r.result.redirect;
    const pass = red !== undefined && red.location === location && (statusCode === undefined || red.statusCode === statusCode);
    return { pass, message: () => `expected the request ${pass ? 'not ' : ''}to be redirected to ${location}${statusCode ? ` with ${statusCode}` : ''}\n${r.describe()}` };
  },

  /** Passes when the status code is `statusCode` (0: the connection or TLS handshake is refused). */
  toRespondWith(received: unknown, statusCode: number): MatcherResult {
    const r = check(received, 'toRespondWith');
    const pass = r.result.statusCode === statusCode;
    return { pass, message: () => `expected status ${pass ? 'not ' : ''}${statusCode}, got ${r.result.statusCode}\n${r.describe()}` };
  },

  /** Passes when the request is handled by `route` (`Kind namespace/name` or `namespace/name`) and, when given, its rule (index or name). */
  toBeHandledBy(received: unknown, route: string, rule?: number | string): MatcherResult {
    const r = check(received, 'toBeHandledBy');
    const got = r.result.route;
    const [kind, ref] = route.includes(' ') ? route.split(' ', 2) : [undefined, route];
    const want = parseService(ref);
    const pass = got !== undefined && (kind === undefined || got.kind === kind) && got.name === want.name
      && (want.namespace === undefined || got.namespace === want.namespace)
      && (rule === undefined || (typeof rule === 'number' ? r.result.rule?.index === rule : r.result.rule?.name === rule));
    return { pass, message: () => `expected the request ${pass ? 'not ' : ''}to be handled by ${route}${rule !== undefined ? ` rule ${rule}` : ''}\n${r.describe()}` };
  },

  /** Passes when the request reaches the backend with these fields (a subset of `requestAtBackend`; headers by name). */
  toArriveAs(received: unknown, expected: Partial<RoutingRequestAtBackend>): MatcherResult {
    const r = check(received, 'toArriveAs');
    const at = r.result.requestAtBackend;
    const mismatches: string[] = [];
    if (!at) {mismatches.push('the request is not forwarded');} else {
      if (expected.method !== undefined && expected.method !== at.method) mismatches.push(`method ${at.method}, expected ${expected.method}`);
      if (expected.host !== undefined && expected.host !== at.host) mismatches.push(`host ${at.host}, expected ${expected.host}`);
      if (expected.path !== undefined && expected.path !== at.path) mismatches.push(`path ${at.path}, expected ${expected.path}`);
      for (const [k, v] of Object.entries(expected.headers ?? {})) {
        if (at.headers[k.toLowerCase()] !== v) mismatches.push(`header ${k}: ${at.headers[k.toLowerCase()] ?? '(absent)'}, expected ${v}`);
      }
    }
    const pass = mismatches.length === 0;
    return { pass, message: () => `expected the request ${pass ? 'not ' : ''}to arrive as ${JSON.stringify(expected)}${mismatches.length ? `: ${mismatches.join('; ')}` : ''}\n${r.describe()}` };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The request is forwarded and `service` (`namespace/name`) on `port` gets a share (exactly `probability`, when given). */
      toRouteTo(service: string, port?: number, probability?: number): R;
      /** The Gateway redirects to `location` (with `statusCode`, when given). */
      toRedirectTo(location: string, statusCode?: number): R;
      /** The status code (0: connection refused). */
      toRespondWith(statusCode: number): R;
      /** Handled by `route` (`Kind namespace/name` or `namespace/name`), and its rule (index or name) when given. */
      toBeHandledBy(route: string, rule?: number | string): R;
      /** The request reaches the backend with these fields. */
      toArriveAs(expected: Partial<RoutingRequestAtBackend>): R;
    }
  }
}

const globalExpect = (globalThis as any).expect;
if (globalExpect && typeof globalExpect.extend === 'function') globalExpect.extend(routingMatchers);
