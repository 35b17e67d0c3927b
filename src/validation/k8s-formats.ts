/**
 * Kubernetes string validations (k8s.io/apimachinery/pkg/util/validation and api/validation), with the
 * apimachinery error messages, plus the IP parsing rules the API server uses (Go `net/netip`).
 *
 * Used by the CEL `format` and `isIP` library functions and by the ObjectMeta checks.
 */
import {
  DNS1123_LABEL, DNS1123_LABEL_FMT, DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_FMT, DNS1123_SUBDOMAIN_MAX, QUALIFIED_NAME_FMT,
} from '../core/spec/names';

const DNS1123_LABEL_RE = DNS1123_LABEL;
const DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

const DNS1123_SUBDOMAIN_RE = DNS1123_SUBDOMAIN;
const DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const DNS1035_LABEL_ERR = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const QUALIFIED_NAME_MAX = 63;
const QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MAX = 63;
const LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  // apimachinery RegexError, byte for byte
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) out += ' or ';
    out += `'${e}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** IsDNS1123Label: the errors for `value`, empty when valid. */
export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(maxLenError(DNS1123_LABEL_MAX));
  if (!DNS1123_LABEL_RE.test(value)) {
    if (DNS1123_SUBDOMAIN_RE.test(value)) {
      errs.push('must not contain dots');
    } else {
      errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
    }
  }
  return errs;
}

/** IsDNS1123Subdomain: the errors for `value`, empty when valid. */
export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** IsDNS1035Label: the errors for `value`, empty when valid. */
export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(maxLenError(DNS1123_LABEL_MAX));
  if (!DNS1035_LABEL_RE.test(value)) errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** IsQualifiedName (label and annotation keys): the errors for `value`, empty when valid. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      for (const msg of isDns1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
    }
  } else {
    return [
      'a qualified name ' + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc') +
      " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) {
    errs.push('name part must be non-empty');
  } else if (name.length > QUALIFIED_NAME_MAX) {
    errs.push('name part ' + maxLenError(QUALIFIED_NAME_MAX));
  }
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push('name part ' + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc'));
  }
  return errs;
}

/** IsValidLabelValue: the errors for `value`, empty when valid. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > LABEL_VALUE_MAX) errs.push(maxLenError(LABEL_VALUE_MAX));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/**
 * Parses an IPv4 address the way Go's netip.ParseAddr does: four decimal octets, no leading zeros.
 * Returns the 4 bytes, or undefined.
 */
function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    if (p.length > 1 && p[0] === '0') return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/**
 * Parses an IPv6 address the way Go's netip.ParseAddr does (hex groups of 1-4 digits, at most one `::`, an
 * optional trailing dotted IPv4 part, an optional `%zone`). Returns the 16 bytes and the zone, or undefined.
 */
function parseIPv6(input: string): { bytes: number[]; zone: string } | undefined {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone.length === 0) return undefined;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string, allowV4Tail: boolean): number[] | undefined => {
    if (part.length === 0) return [];
    const groups = part.split(':');
    const bytes: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (allowV4Tail && i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        bytes.push(...v4);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      const n = parseInt(g, 16);
      bytes.push(Math.floor(n / 256), n % 256);
    }
    return bytes;
  };
  if (halves.length === 1) {
    const bytes = parseGroups(s, true);
    if (!bytes || bytes.length !== 16) return undefined;
    return { bytes, zone };
  }
  const head = parseGroups(halves[0], false);
  const tail = parseGroups(halves[1], true);
  if (!head || !tail) return undefined;
  // `::` stands for at least one group of zeros
  if (head.length + tail.length > 14) return undefined;
  const bytes = [...head, ...new Array(16 - head.length - tail.length).fill(0), ...tail];
  return { bytes, zone };
}

/**
 * The Kubernetes CEL `isIP(string)` semantics (apiserver/pkg/cel/library/ip.go): a valid IPv4 or IPv6 address as
 * accepted by Go's netip.ParseAddr, without a zone and not an IPv4-mapped IPv6 address.
 */
export function isIP(s: string): boolean {
  if (s.includes(':')) {
    const v6 = parseIPv6(s);
    if (!v6 || v6.zone !== '') return false;
    const b = v6.bytes;
    const is4In6 = b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
    return !is4In6;
  }
  return parseIPv4(s) !== undefined;
}

/** OpenAPI `format: ipv4` as kube-openapi checks it (strfmt IsIPv4: net.ParseIP and a dotted form). */
export function isIPv4Format(s: string): boolean {
  return !s.includes(':') && parseIPv4(s) !== undefined;
}

/** OpenAPI `format: ipv6` as kube-openapi checks it (strfmt IsIPv6: net.ParseIP and a colon form, no zone). */
export function isIPv6Format(s: string): boolean {
  if (!s.includes(':')) return false;
  const v6 = parseIPv6(s);
  return v6 !== undefined && v6.zone === '';
}

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** OpenAPI `format: date-time` (RFC 3339). */
export function isDateTimeFormat(s: string): boolean {
  const m = RFC3339_RE.exec(s);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}
