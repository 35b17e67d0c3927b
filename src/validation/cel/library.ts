/**
 * The Kubernetes CEL library of `x-kubernetes-validations` rules: the CEL environment (@bufbuild/cel) with the
 * functions the Gateway API CRDs use.
 *
 * Library functions: the strings extension (`substring`, `split`, `lowerAscii`, ...), `isIP(string)`, and
 *   `format.<name>().validate(string)` (dns1123Label, dns1123Subdomain, dns1035Label, qualifiedName,
 *   labelValue). Kubernetes returns `optional<list<string>>` from `validate`; @bufbuild/cel has no optional type,
 *   so it is a list of the errors (empty when valid). This keeps the one comparison the CRDs make,
 *   `validate(x) == null`, exactly as in cel-go: an optional never equals null, and neither does a list.
 */
import { CelEnv, CelScalar, celEnv, celFunc, celList, celMethod, CelType, listType, objectType } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import {
  isDns1035Label, isDns1123Label, isDns1123Subdomain, isIP, isQualifiedName, isValidLabelValue,
} from '../k8s-formats';
import { cachedPattern } from '../patterns';

const FORMAT_PREFIX = 'kubernetes.format.';

/** The named formats of the Kubernetes CEL `format` library that this engine provides. */
const FORMATS: { readonly [name: string]: (s: string) => string[] } = {
  dns1123Label: isDns1123Label,
  dns1123Subdomain: isDns1123Subdomain,
  dns1035Label: isDns1035Label,
  qualifiedName: isQualifiedName,
  labelValue: isValidLabelValue,
};

/** `matches()` patterns with RE2 semantics (see ../patterns.ts), compiled once each (the engine default recompiles per call). */
const re2 = { compile: cachedPattern };

const K8S_FUNCS = [
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s: string) => isIP(s)),
  ...Object.keys(FORMATS).map((name) =>
    celFunc(`format.${name}`, [], CelScalar.TYPE, () => objectType(FORMAT_PREFIX + name))),
  celMethod('validate', CelScalar.TYPE, [CelScalar.STRING], listType(CelScalar.STRING), function validate(this: CelType, s: string) {
    const fn = this.name.startsWith(FORMAT_PREFIX) ? FORMATS[this.name.slice(FORMAT_PREFIX.length)] : undefined;
    if (!fn) throw new Error(`no such overload: ${this.name}.validate(string)`);
    return celList(fn(s));
  }),
];

/** The CEL environment of CRD validation rules. */
export const CEL_ENV: CelEnv = celEnv({ funcs: [...strings, ...K8S_FUNCS], re2 });
