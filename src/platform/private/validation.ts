import { isIpv4Like } from '../../core/spec/hostnames';
import {
  DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MAX, isApiGroup, isApiKind, isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue,
  isPortNumber, WILDCARD_HOSTNAME,
} from '../../core/spec/names';

/**
 * Internal validation and formatting helpers of the platform and policy constructs (not part of the public API:
 * this file is not re-exported from the package entry point).
 */

export { DOMAIN_PREFIXED_PATH } from '../../core/spec/names';
export { hostnamesIntersect } from '../../core/spec/hostnames';

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
  if (!isPortNumber(port)) {
    throw new Error(`${where}: ${what} ${port} is out of range: use 1..65535.`);
  }
}

/** Hostname of a listener / route / address: lower-case RFC 1123, optional `*.` prefix (when `wildcard`), no IP. */
export function checkHostname(where: string, what: string, hostname: string, wildcard: boolean): void {
  const re = wildcard ? WILDCARD_HOSTNAME : DNS1123_SUBDOMAIN;
  if (hostname.length === 0 || hostname.length > DNS1123_SUBDOMAIN_MAX || !re.test(hostname)) {
    const lower = hostname.toLowerCase();
    const hint = lower !== hostname && re.test(lower) ? ` (did you mean "${lower}"?)` : '';
    throw new Error(
      `${where}: ${what} "${hostname}" is not a valid hostname${hint}: use at most 253 lower-case alphanumeric characters, ` +
      `'-' or '.' (RFC 1123)${wildcard ? ", optionally prefixed with a single wildcard label '*.'" : ' without wildcards'}.`,
    );
  }
  if (isIpv4Like(hostname)) {
    throw new Error(`${where}: ${what} "${hostname}" is an IP address, not a hostname: leave the hostname unset to match every host.`);
  }
}

export function checkSectionName(where: string, what: string, name: string): void {
  if (!isDns1123Subdomain(name)) {
    throw new Error(
      `${where}: ${what} "${name}" is not valid: use at most 253 lower-case alphanumeric characters, '-' or '.', ` +
      'starting and ending with an alphanumeric character.',
    );
  }
}

export function checkGroup(where: string, what: string, group: string): void {
  if (!isApiGroup(group)) {
    throw new Error(`${where}: ${what} "${group}" is not a valid API group: use "" for the core group or a DNS subdomain such as "gateway.networking.k8s.io".`);
  }
}

export function checkKind(where: string, what: string, kind: string): void {
  if (!isApiKind(kind)) {
    throw new Error(`${where}: ${what} "${kind}" is not a valid kind: use a CamelCase name of at most 63 characters, e.g. "Secret".`);
  }
}

export function checkNamespace(where: string, what: string, namespace: string): void {
  if (!isDns1123Label(namespace)) {
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
  if (!isLabelKey(key)) {
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
    if (typeof v !== 'string' || !isLabelValue(v)) {
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

/** `gateway infra/shared` style description of a namespaced object. */
export function describeObject(kind: string, name: string, namespace: string | undefined): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** A `parametersRef` (GatewayClass or Gateway infrastructure), structurally: group, kind, name, optional namespace. */
export interface ParametersRefShape {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export function validateParametersRef(where: string, ref: ParametersRefShape, allowNamespace: boolean): void {
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
