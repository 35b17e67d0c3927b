import type { ParametersReference } from '../gateway-class';

/**
 * Internal validation and formatting helpers of the platform and policy constructs (not part of the public API:
 * this file is not re-exported from the package entry point).
 */

/** A listener / address hostname: RFC 1123, optionally prefixed with a wildcard label (`*.`). */
export const WILDCARD_HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A precise hostname (no wildcard). */
export const PRECISE_HOSTNAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A DNS-1123 subdomain, as used for listener names and sectionNames. */
export const SECTION_NAME = PRECISE_HOSTNAME;
/** An API group (empty for the core group). */
export const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** An object kind. */
export const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** A namespace name (DNS-1123 label). */
export const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A label or annotation key: optional DNS-subdomain prefix, then a name segment of up to 63 characters. */
export const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;
/** A label value (may be empty). */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** A domain-prefixed path, e.g. `example.net/gateway-controller`. */
export const DOMAIN_PREFIXED_PATH = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

const IPV4_LIKE = /^[0-9]+(\.[0-9]+){3}$/;

/** `"a", "b", "c"` */
export function quoteList(values: readonly (string | number)[]): string {
  return values.map((v) => (typeof v === 'number' ? String(v) : `"${v}"`)).join(', ');
}

/** `{a: "1", b: "2"}` (keys sorted). */
export function formatLabels(labels: { readonly [key: string]: string }): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}: "${labels[k]}"`).join(', ')}}`;
}

export function checkPort(where: string, what: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${where}: ${what} ${port} is out of range: use 1..65535.`);
  }
}

/** Hostname of a listener / route / address: lower-case RFC 1123, optional `*.` prefix (when `wildcard`), no IP. */
export function checkHostname(where: string, what: string, hostname: string, wildcard: boolean): void {
  const re = wildcard ? WILDCARD_HOSTNAME : PRECISE_HOSTNAME;
  if (hostname.length === 0 || hostname.length > 253 || !re.test(hostname)) {
    const lower = hostname.toLowerCase();
    const hint = lower !== hostname && re.test(lower) ? ` (did you mean "${lower}"?)` : '';
    throw new Error(
      `${where}: ${what} "${hostname}" is not a valid hostname${hint}: use at most 253 lower-case alphanumeric characters, ` +
      `'-' or '.' (RFC 1123)${wildcard ? ", optionally prefixed with a single wildcard label '*.'" : ' without wildcards'}.`,
    );
  }
  if (IPV4_LIKE.test(hostname)) {
    throw new Error(`${where}: ${what} "${hostname}" is an IP address, not a hostname: leave the hostname unset to match every host.`);
  }
}

export function checkSectionName(where: string, what: string, name: string): void {
  if (name.length === 0 || name.length > 253 || !SECTION_NAME.test(name)) {
    throw new Error(
      `${where}: ${what} "${name}" is not valid: use at most 253 lower-case alphanumeric characters, '-' or '.', ` +
      'starting and ending with an alphanumeric character.',
    );
  }
}

export function checkGroup(where: string, what: string, group: string): void {
  if (group.length > 253 || !GROUP.test(group)) {
    throw new Error(`${where}: ${what} "${group}" is not a valid API group: use "" for the core group or a DNS subdomain such as "gateway.networking.k8s.io".`);
  }
}

export function checkKind(where: string, what: string, kind: string): void {
  if (kind.length === 0 || kind.length > 63 || !KIND.test(kind)) {
    throw new Error(`${where}: ${what} "${kind}" is not a valid kind: use a CamelCase name of at most 63 characters, e.g. "Secret".`);
  }
}

export function checkNamespace(where: string, what: string, namespace: string): void {
  if (namespace.length === 0 || namespace.length > 63 || !NAMESPACE.test(namespace)) {
    throw new Error(
      `${where}: ${what} "${namespace}" is not a valid namespace: use at most 63 lower-case alphanumeric characters or '-', ` +
      'starting and ending with an alphanumeric character.',
    );
  }
}

export function checkRefName(where: string, what: string, name: string): void {
  if (name.length === 0 || name.length > 253) {
    throw new Error(`${where}: ${what} "${name}" is not a valid name: use 1..253 characters.`);
  }
}

export function checkLabelKey(where: string, what: string, key: string): void {
  if (!LABEL_KEY.test(key) || key.split('/')[0].length >= 253) {
    throw new Error(
      `${where}: ${what} key "${key}" is not valid: use an optional DNS-subdomain prefix and '/', then a name of at most ` +
      "63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character.",
    );
  }
}

export function checkLabels(where: string, what: string, labels: { readonly [key: string]: string }, max?: number): void {
  const keys = Object.keys(labels);
  if (max !== undefined && keys.length > max) {
    throw new Error(`${where}: ${what} has ${keys.length} entries, more than the ${max} allowed: remove ${keys.length - max}.`);
  }
  for (const k of keys) {
    checkLabelKey(where, what, k);
    const v = labels[k];
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      throw new Error(
        `${where}: ${what} value "${v}" of "${k}" is not a valid label value: use at most 63 alphanumeric characters, ` +
        "'-', '_' or '.', starting and ending with an alphanumeric character.",
      );
    }
  }
}

export function checkAnnotations(where: string, what: string, annotations: { readonly [key: string]: string }, max?: number): void {
  const keys = Object.keys(annotations);
  if (max !== undefined && keys.length > max) {
    throw new Error(`${where}: ${what} has ${keys.length} entries, more than the ${max} allowed: remove ${keys.length - max}.`);
  }
  for (const k of keys) {
    checkLabelKey(where, what, k);
    const v = annotations[k];
    if (typeof v !== 'string' || v.length > 4096) {
      throw new Error(`${where}: ${what} value of "${k}" must be a string of at most 4096 characters.`);
    }
  }
}

/** Whether two hostnames (each possibly a `*.` wildcard) have at least one host in common. */
export function hostnamesIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  const wa = a.startsWith('*.');
  const wb = b.startsWith('*.');
  if (wa && wb) {
    const sa = a.slice(1);
    const sb = b.slice(1);
    return sa.endsWith(sb) || sb.endsWith(sa);
  }
  if (wa) return b.endsWith(a.slice(1));
  if (wb) return a.endsWith(b.slice(1));
  return false;
}

/** `gateway infra/shared` style description of a namespaced object. */
export function describeObject(kind: string, name: string, namespace: string | undefined): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

export function validateParametersRef(where: string, ref: ParametersReference, allowNamespace: boolean): void {
  checkGroup(where, 'parametersRef.group', ref.group);
  checkKind(where, 'parametersRef.kind', ref.kind);
  checkRefName(where, 'parametersRef.name', ref.name);
  if (ref.namespace !== undefined) {
    if (!allowNamespace) {
      throw new Error(`${where}: infrastructure.parametersRef cannot have a namespace ("${ref.namespace}"): it always refers to an object in the Gateway's namespace; remove it.`);
    }
    checkNamespace(where, 'parametersRef.namespace', ref.namespace);
  }
}
