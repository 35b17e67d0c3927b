/**
 * Listener protocols and the route kinds they serve (Gateway API v1.6.1, `Listener.protocol` and
 * `AllowedRoutes.kinds`).
 *
 * Pure: no imports from the project.
 */
import { DOMAIN_PREFIXED_PROTOCOL, GATEWAY_GROUP } from './names';

/** The core listener protocols. */
export const CORE_PROTOCOLS: readonly string[] = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];

/**
 * The protocol family of a core protocol, for port sharing: listeners on one port must be of one family, except
 * TCP and UDP, which may share a port number.
 */
const FAMILIES: { readonly [protocol: string]: string } = {
  HTTP: 'http', HTTPS: 'tls', TLS: 'tls', TCP: 'tcp', UDP: 'udp',
};

/** Route kinds a listener of each core protocol accepts when `allowedRoutes.kinds` is unset. */
const DEFAULT_KINDS: { readonly [protocol: string]: readonly string[] } = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/**
 * Route kinds a listener of each core protocol can serve when `allowedRoutes.kinds` lists them. A TLS listener may
 * also list TCPRoute ("If you need to forward traffic to a single target for a TLS listener, you could choose to use
 * a TCPRoute with a TLS listener", TLSRoute API reference).
 */
const COMPATIBLE_KINDS: { readonly [protocol: string]: readonly string[] } = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Whether `protocol` is one of the core protocols (HTTP, HTTPS, TLS, TCP, UDP). */
export function isCoreProtocol(protocol: string): boolean {
  return CORE_PROTOCOLS.includes(protocol);
}

/** Whether `protocol` is a valid implementation-specific protocol (domain-prefixed, at most 255 characters). */
export function isDomainPrefixedProtocol(protocol: string): boolean {
  return protocol.length <= 255 && DOMAIN_PREFIXED_PROTOCOL.test(protocol);
}

/** The family of a core protocol (`http`, `tls`, `tcp`, `udp`); undefined for other protocols. */
export function protocolFamily(protocol: string): string | undefined {
  return FAMILIES[protocol];
}

/** Whether listeners of these families may share one port (one family, or only TCP and UDP). */
export function familiesCanSharePort(families: Iterable<string>): boolean {
  const set = new Set(families);
  if (set.size <= 1) return true;
  for (const f of set) if (f !== 'tcp' && f !== 'udp') return false;
  return true;
}

/** Whether a listener of `protocol` takes TLS settings (`tls.mode`, `certificateRefs`): HTTPS and TLS. */
export function protocolHasTls(protocol: string): boolean {
  return protocol === 'HTTPS' || protocol === 'TLS';
}

/**
 * Whether a listener of `protocol` with `tls.mode` `mode` terminates TLS (and so needs certificates): HTTPS, and TLS
 * in mode `Terminate` (the default mode).
 */
export function listenerTerminatesTls(protocol: string, mode: string | undefined): boolean {
  return protocol === 'HTTPS' || (protocol === 'TLS' && (mode ?? 'Terminate') === 'Terminate');
}

/** Whether a listener of `protocol` may have a hostname (not TCP or UDP). */
export function protocolTakesHostname(protocol: string): boolean {
  return protocol !== 'TCP' && protocol !== 'UDP';
}

/**
 * The route kinds (group gateway.networking.k8s.io) a listener of `protocol` accepts when `allowedRoutes.kinds` is
 * unset; undefined for an implementation-specific protocol (the implementation decides).
 */
export function defaultRouteKinds(protocol: string): readonly string[] | undefined {
  return DEFAULT_KINDS[protocol];
}

/**
 * The route kinds (group gateway.networking.k8s.io) a listener of `protocol` can serve when `allowedRoutes.kinds`
 * lists them; undefined for an implementation-specific protocol.
 */
export function compatibleRouteKinds(protocol: string): readonly string[] | undefined {
  return COMPATIBLE_KINDS[protocol];
}

/** The core protocols whose listeners accept `routeKind` by default, e.g. `['HTTP', 'HTTPS']` for HTTPRoute. */
export function protocolsForRouteKind(routeKind: string): string[] {
  return Object.keys(DEFAULT_KINDS).filter((p) => DEFAULT_KINDS[p].includes(routeKind));
}

/** A route kind in `allowedRoutes.kinds`; `group` defaults to gateway.networking.k8s.io. */
export interface RouteGroupKind {
  readonly group?: string;
  readonly kind: string;
}

/**
 * The route kinds a listener supports (its `status.listeners[].supportedKinds`) and the listed kinds it cannot serve
 * (`InvalidRouteKinds`). With `allowedRoutes.kinds` unset, the protocol's default kinds. An implementation-specific
 * protocol supports nothing a conformant implementation can vouch for: `supported` is undefined.
 */
export function listenerRouteKinds(protocol: string, kinds: readonly RouteGroupKind[] | undefined): {
  supported: string[] | undefined;
  invalid: string[];
} {
  const compatible = compatibleRouteKinds(protocol);
  if (!compatible) return { supported: undefined, invalid: [] };
  if (!kinds || kinds.length === 0) return { supported: [...defaultRouteKinds(protocol)!], invalid: [] };
  const supported: string[] = [];
  const invalid: string[] = [];
  for (const k of kinds) {
    const group = k.group ?? GATEWAY_GROUP;
    if (group === GATEWAY_GROUP && compatible.includes(k.kind)) {
      if (!supported.includes(k.kind)) supported.push(k.kind);
    } else {
      invalid.push(`${group}/${k.kind}`);
    }
  }
  return { supported, invalid };
}
