/**
 * Internal validation helpers shared by the app-team and release constructs. Not re-exported through any index:
 * nothing here is public API.
 *
 * The patterns and limits are the ones of the Gateway API v1.6.1 CRDs (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute,
 * UDPRoute), so that bad input fails where it is written instead of at `kubectl apply`.
 */
import { Duration } from 'cdk8s';
import { formatGatewayDuration } from '../../core/spec/duration';
import { isIpv4Like, isIpv6Like } from '../../core/spec/hostnames';
import {
  DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MAX, isApiGroup, isApiKind, isDns1123Label, isDns1123Subdomain, isPortNumber,
  WILDCARD_HOSTNAME,
} from '../../core/spec/names';

/** HTTP header and query parameter names (RFC 7230 token). */
export const HTTP_TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
/** Characters allowed in Exact / PathPrefix path values and in path modifiers. */
export const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/** Quotes a value for an error message. */
export function q(value: unknown): string {
  return JSON.stringify(value);
}

/** Throws `where: message`. */
export function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

export function checkInteger(where: string, field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(where, `${field} ${value} is out of range: use a whole number from ${min} to ${max}.`);
  }
}

export function checkPort(where: string, field: string, port: number | undefined): void {
  if (port !== undefined && !isPortNumber(port)) checkInteger(where, field, port, 1, 65535);
}

export function checkWeight(where: string, weight: number | undefined): void {
  if (weight === undefined) return;
  if (!Number.isInteger(weight) || weight < 0 || weight > 1_000_000) {
    fail(where, `weight ${weight} is out of range: use a whole number from 0 to 1000000 (weights are relative; ` +
      'a backend gets weight / sum of weights of the traffic).');
  }
}

export function checkLength(where: string, field: string, value: string, min: number, max: number): void {
  if (value.length < min || value.length > max) {
    if (value.length === 0) fail(where, `${field} is empty: set a value.`);
    fail(where, `${field} ${q(value.length > 80 ? value.slice(0, 80) + '…' : value)} is ${value.length} characters long: ` +
      `use at most ${max}.`);
  }
}

/** An RFC 1123 subdomain such as a `sectionName`, a rule name or a redirect hostname. */
export function checkSubdomain(where: string, field: string, value: string): void {
  checkLength(where, field, value, 1, DNS1123_SUBDOMAIN_MAX);
  if (!isDns1123Subdomain(value)) {
    const hint = value.toLowerCase() !== value && DNS1123_SUBDOMAIN.test(value.toLowerCase())
      ? `use ${q(value.toLowerCase())}`
      : "use lower-case alphanumeric characters, '-' and '.', starting and ending with an alphanumeric character";
    fail(where, `${field} ${q(value)} is not a valid RFC 1123 name: ${hint}.`);
  }
}

export function checkNamespace(where: string, field: string, value: string): void {
  checkLength(where, field, value, 1, DNS1123_LABEL_MAX);
  if (!isDns1123Label(value)) {
    fail(where, `${field} ${q(value)} is not a valid namespace: use at most 63 lower-case alphanumeric characters or '-', ` +
      'starting and ending with an alphanumeric character.');
  }
}

export function checkGroup(where: string, field: string, value: string): void {
  if (!isApiGroup(value)) {
    fail(where, `${field} ${q(value)} is not a valid API group: use "" for the core group or a DNS name such as "example.com".`);
  }
}

export function checkKind(where: string, field: string, value: string): void {
  if (!isApiKind(value)) {
    fail(where, `${field} ${q(value)} is not a valid kind: use a name such as "Service" (letters, digits and '-', starting with a letter).`);
  }
}

/** A route hostname (`spec.hostnames[]`): a DNS name with an optional leading wildcard label, never an IP. */
export function checkRouteHostname(where: string, value: string): void {
  checkLength(where, 'hostname', value, 1, DNS1123_SUBDOMAIN_MAX);
  if (isIpv4Like(value) || isIpv6Like(value)) {
    fail(where, `hostname ${q(value)} is an IP address: route hostnames must be DNS names (e.g. "app.example.com").`);
  }
  if (!WILDCARD_HOSTNAME.test(value)) {
    let hint = 'use a DNS name such as "app.example.com" or "*.example.com"';
    if (value.toLowerCase() !== value && WILDCARD_HOSTNAME.test(value.toLowerCase())) hint = `use ${q(value.toLowerCase())}`;
    else if (value.includes('*') && !value.startsWith('*.')) hint = 'a wildcard must be the whole first label, e.g. "*.example.com"';
    else if (/:\d+$/.test(value)) hint = `leave the port out: use ${q(value.replace(/:\d+$/, ''))}`;
    fail(where, `hostname ${q(value)} is not valid: ${hint}.`);
  }
}

/** An HTTP header name or query parameter name. */
export function checkHttpToken(where: string, field: string, value: string): void {
  checkLength(where, field, value, 1, 256);
  if (!HTTP_TOKEN.test(value)) {
    const bad = [...new Set([...value].filter((c) => !HTTP_TOKEN.test(c)))].map((c) => q(c)).join(', ');
    fail(where, `${field} ${q(value)} contains characters not allowed in an HTTP token (${bad}): ` +
      "use letters, digits and !#$%&'*+-.^_`|~ only.");
  }
}

/**
 * The CEL rules of the HTTPRoute CRD for `Exact` and `PathPrefix` path values (also used for path modifiers, which
 * reject the same inputs in practice).
 */
export function checkAbsolutePath(where: string, field: string, value: string): void {
  checkLength(where, field, value, 1, 1024);
  if (!value.startsWith('/')) fail(where, `${field} must start with "/": use ${q('/' + value)}.`);
  if (value.includes('//')) fail(where, `${field} must not contain "//": use ${q(value.replace(/\/{2,}/g, '/'))}.`);
  for (const seg of ['/./', '/../']) {
    if (value.includes(seg)) fail(where, `${field} must not contain ${q(seg)} (dot segments are not normalized): write the resolved path.`);
  }
  for (const end of ['/..', '/.']) {
    if (value.endsWith(end)) fail(where, `${field} must not end with ${q(end)} (dot segments are not normalized): write the resolved path.`);
  }
  if (/%2f/i.test(value)) fail(where, `${field} must not contain an encoded "/" ("%2F"): use a literal "/".`);
  if (value.includes('#')) fail(where, `${field} must not contain "#": a URL fragment is never sent to the server.`);
  if (!PATH_CHARS.test(value)) {
    const bad = [...new Set([...value].filter((c) => c !== '%' && !PATH_CHARS.test(c)))];
    const encoded = [...value].map((c) => bad.includes(c) ? encodeURIComponent(c) : c).join('');
    fail(where, `${field} contains characters that must be percent-encoded (${bad.map((c) => q(c)).join(', ')}): ` +
      `use ${q(encoded)}.`);
  }
}

/** Duplicates in `values` under `key`, in first-seen order. */
export function duplicates<T>(values: T[], key: (v: T) => string): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) {
    const k = key(v);
    if (seen.has(k)) dups.add(k);
    seen.add(k);
  }
  return [...dups];
}

/**
 * A cdk8s Duration as a Gateway API duration string (GEP-2257), e.g. `10s`, `500ms`, `90m`, `0s`: the largest single
 * unit that holds it exactly in at most 5 digits, else the non-zero units from hours down (`27h46m40s123ms`).
 */
export function gatewayDuration(where: string, field: string, duration: Duration): string {
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms < 0) {
    fail(where, `${field} ${duration.toHumanString()} cannot be written as a Gateway API duration: use whole milliseconds (e.g. Duration.millis(1500)).`);
  }
  const out = formatGatewayDuration(ms);
  if (out === undefined) {
    fail(where, `${field} ${duration.toHumanString()} is too long for a Gateway API duration: use at most 99999 hours.`);
  }
  return out!;
}

/** Removes `undefined` values so rendered objects only carry what was set. */
export function compact<T extends object>(obj: T): T {
  const out: any = {};
  // for…in rather than Object.entries(): no [key, value] array per field (callers pass plain object literals)
  for (const k in obj) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** The kind with its indefinite article: "an HTTPRoute", "a TCPRoute". */
export function aKind(kind: string): string {
  return `${/^(HTTP|[AEIOU])/.test(kind) ? 'an' : 'a'} ${kind}`;
}
