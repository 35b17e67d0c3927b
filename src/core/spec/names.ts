/**
 * Names and formats of the Kubernetes and Gateway API objects: the API groups, the route kinds, and the name rules
 * (RFC 1123 labels and subdomains, API groups and kinds, label keys and values) as the v1.6.1 CRDs and the
 * Kubernetes apimachinery validators define them.
 *
 * Pure: no imports. Every other module of the project takes these rules from here.
 */

/** The Gateway API group (`gateway.networking.k8s.io`). */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** The experimental Gateway API group (`gateway.networking.x-k8s.io`). */
export const GATEWAY_X_GROUP = 'gateway.networking.x-k8s.io';
/** The core Kubernetes group (Service, Secret, ConfigMap, Namespace). */
export const CORE_GROUP = '';
/** Both Gateway API groups. */
export const GATEWAY_API_GROUPS: readonly string[] = [GATEWAY_GROUP, GATEWAY_X_GROUP];

/** The route kinds of the Gateway API (group `gateway.networking.k8s.io`). */
export const ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];
/** The route kinds that have `spec.hostnames`. */
export const HOSTNAME_ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'TLSRoute'];

/** The label Kubernetes puts on every namespace, with the namespace's name as value. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** An RFC 1123 label, unanchored (the apimachinery `dns1123LabelFmt`). */
export const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** An RFC 1123 subdomain, unanchored (the apimachinery `dns1123SubdomainFmt`). */
export const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
/** A qualified name (label key name part, label value), unanchored (the apimachinery `qualifiedNameFmt`). */
export const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

/** The longest RFC 1123 label (namespaces, label key names). */
export const DNS1123_LABEL_MAX = 63;
/** The longest RFC 1123 subdomain (object names, hostnames, groups). */
export const DNS1123_SUBDOMAIN_MAX = 253;

/** RFC 1123 label: namespaces. */
export const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
/** RFC 1123 subdomain: object names, `sectionName`, listener and rule names, precise hostnames. */
export const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
/** A listener or route hostname: an RFC 1123 subdomain with an optional leading `*.` wildcard label. */
export const WILDCARD_HOSTNAME = new RegExp(`^(\\*\\.)?${DNS1123_SUBDOMAIN_FMT}$`);
/** An API group: empty (the core group) or an RFC 1123 subdomain (the CRDs' `Group` pattern). */
export const API_GROUP = new RegExp(`^$|^${DNS1123_SUBDOMAIN_FMT}$`);
/** An API kind (the CRDs' `Kind` pattern). */
export const API_KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
export const LABEL_KEY = new RegExp(`^(${DNS1123_SUBDOMAIN_FMT}\\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$`);
/** A label value (may be empty). */
export const LABEL_VALUE = new RegExp(`^(${QUALIFIED_NAME_FMT})?$`);
/** A domain-prefixed path, e.g. `example.net/gateway-controller` (GatewayClass `controllerName`). */
export const DOMAIN_PREFIXED_PATH = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}\\/[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+$`);
/** An implementation-specific listener protocol: domain-prefixed, e.g. `example.com/quic`. */
export const DOMAIN_PREFIXED_PROTOCOL = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}\\/[A-Za-z0-9]+$`);

/** Whether `value` is an RFC 1123 label of at most 63 characters (a namespace name). */
export function isDns1123Label(value: string): boolean {
  return value.length > 0 && value.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(value);
}

/** Whether `value` is an RFC 1123 subdomain of at most 253 characters (an object name, a sectionName). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(value);
}

/** Whether `value` is an API group: `""` (core) or an RFC 1123 subdomain of at most 253 characters. */
export function isApiGroup(value: string): boolean {
  return value.length <= DNS1123_SUBDOMAIN_MAX && API_GROUP.test(value);
}

/** Whether `value` is an API kind: CamelCase-like, 1..63 characters, starting with a letter. */
export function isApiKind(value: string): boolean {
  return value.length > 0 && value.length <= 63 && API_KIND.test(value);
}

/** Whether `value` is a label or annotation key (prefix shorter than 253 characters). */
export function isLabelKey(value: string): boolean {
  return LABEL_KEY.test(value) && value.split('/')[0].length < DNS1123_SUBDOMAIN_MAX;
}

/** Whether `value` is a label value: empty, or at most 63 characters of the qualified-name alphabet. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** Whether `port` is a TCP/UDP port number (an integer from 1 to 65535), as listeners and parentRefs take it. */
export function isPortNumber(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** The API group of an `apiVersion` (`gateway.networking.k8s.io/v1` → `gateway.networking.k8s.io`, `v1` → `""`). */
export function groupOfApiVersion(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}
