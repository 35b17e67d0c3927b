/**
 * OpenAPI (structural schema) validation with ajv, reported the way the API server reports it.
 *
 * The Kubernetes schema is translated once per schema into a JSON Schema ajv understands:
 * - objects with declared properties get `additionalProperties: false`, so undeclared (unknown) fields are
 *   reported (the API server prunes them silently, which almost always hides a typo);
 * - `nullable`, `x-kubernetes-int-or-string` and the OpenAPI v3.0 boolean `exclusiveMinimum/Maximum` become
 *   JSON Schema types and limits;
 * - `x-kubernetes-list-type: map|set` becomes the `x-k8s-list` keyword (duplicate keys / values);
 * - formats are the ones kube-openapi checks (`int32`, `int64`, `ipv4`, `ipv6`, `date-time`);
 * - `x-kubernetes-validations` are left to the CEL evaluator; the root `metadata` is checked separately (it is
 *   ObjectMeta, not part of the CRD schema) and `status` is not validated (the API server ignores it on create).
 * Patterns use JavaScript regular expressions when they compile, RE2 otherwise (the API server uses Go's RE2).
 */
import { gunzipSync, gzipSync } from 'zlib';
import type Ajv from 'ajv';
import type { ErrorObject, KeywordCxt, KeywordDefinition, ValidateFunction } from 'ajv';
import { allSchemaKeys, K8sSchema, schemaByKey } from './bundle';
import PRECOMPILED from './bundle/schema-validators.json';
import { isDateTimeFormat, isIPv4Format, isIPv6Format } from './k8s-formats';
import { comparePaths, formatPath, PathSegment } from './paths';
import { compilePattern, Matcher } from './patterns';
import { hasOwn, isPlainObject } from './prepare';
import { SchemaNode } from './schema-node';

/** A schema violation, with its location and whether it stops CEL rules from running (as in the API server). */
export interface StructuralIssue {
  readonly segs: PathSegment[];
  readonly message: string;
  /** Type, required, enum, maxLength, maxItems/maxProperties and format violations block CEL evaluation. */
  readonly blocking: boolean;
  /** For channel hints: an undeclared field, or a value outside an enum. */
  readonly reason: 'unknown-field' | 'enum' | 'other';
  /** The offending value (for enum violations). */
  readonly value?: unknown;
  /** A short form (`<path> <what is wrong>`) for hints. */
  readonly short?: string;
}

type JsonSchema = { [key: string]: unknown };

/**
 * Translates a Kubernetes schema node. `branch` is true inside allOf/anyOf/oneOf/not: there, `properties` only
 * constrain the values present (the structural schema outside the branches decides what is declared).
 */
function translate(node: K8sSchema, root: boolean, branch = false, defs?: Map<string, string>): JsonSchema {
  const out: JsonSchema = {};
  const type = node['x-kubernetes-int-or-string'] ? ['integer', 'string'] : node.type ? [node.type] : undefined;
  if (type) out.type = node.nullable ? [...type, 'null'] : type.length === 1 ? type[0] : type;
  for (const key of ['enum', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'required'] as const) {
    if (node[key] !== undefined) out[key] = node[key];
  }
  // string lengths count code points (as Go counts runes); see lengthKeyword
  if (node.maxLength !== undefined) out['x-k8s-max-length'] = node.maxLength;
  if (node.minLength !== undefined) out['x-k8s-min-length'] = node.minLength;
  if (node.format && KNOWN_FORMATS.has(node.format)) out.format = node.format;
  if (node.minimum !== undefined) {
    if (node.exclusiveMinimum === true) out.exclusiveMinimum = node.minimum;
    else out.minimum = node.minimum;
  }
  if (node.maximum !== undefined) {
    if (node.exclusiveMaximum === true) out.exclusiveMaximum = node.maximum;
    else out.maximum = node.maximum;
  }
  if (node.properties) {
    const props: JsonSchema = {};
    for (const [name, child] of Object.entries(node.properties)) {
      if (root && name === 'metadata') props[name] = { type: 'object' };
      else if (root && name === 'status') props[name] = {};
      else props[name] = translate(child, false, branch, defs);
    }
    out.properties = props;
  }
  if (typeof node.additionalProperties === 'object') {
    out.additionalProperties = translate(node.additionalProperties, false, branch, defs);
  } else if (typeof node.additionalProperties === 'boolean') {
    out.additionalProperties = node.additionalProperties;
  } else if (!branch && (node.properties || node.type === 'object') && !node['x-kubernetes-preserve-unknown-fields']) {
    // structural schemas prune every undeclared field
    out.additionalProperties = false;
  }
  if (node.items) {
    const items = translate(node.items, false, branch, defs);
    // the items of a list of objects get a validator function of their own (see translateRoot)
    out.items = defs && !branch && items.properties ? { $ref: definition(defs, items) } : items;
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[key];
    if (list) out[key] = list.map((s) => translate(s, false, true));
  }
  if (node.not) out.not = translate(node.not, false, true);
  const listType = node['x-kubernetes-list-type'];
  if (!branch && (listType === 'map' || listType === 'set')) {
    out['x-k8s-list'] = { type: listType, keys: node['x-kubernetes-list-map-keys'] ?? [] };
  }
  return out;
}

/** The reference to `schema` among the definitions `defs` (JSON → name; identical schemas share one). */
function definition(defs: Map<string, string>, schema: JsonSchema): string {
  const json = JSON.stringify(schema);
  let name = defs.get(json);
  if (name === undefined) {
    name = `#/definitions/d${defs.size}`;
    defs.set(json, name);
  }
  return name;
}

/**
 * The JSON Schema of a CRD's root schema, each list of objects' item schema as a definition: ajv writes each as a
 * function of its own, where one function for the whole schema would be too large for V8's optimizing compiler.
 * Definitions are made outside allOf/anyOf/oneOf/not only, so that an error of a branch has its branch in its path.
 */
function translateRoot(schema: K8sSchema): JsonSchema {
  const defs = new Map<string, string>();
  const out = translate(schema, true, false, defs);
  if (defs.size > 0) {
    out.definitions = Object.fromEntries([...defs].map(([json, ref]) => [ref.slice('#/definitions/'.length), JSON.parse(json)]));
  }
  return out;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const KNOWN_FORMATS = new Set(['int32', 'int64', 'ipv4', 'ipv6', 'date-time']);

/**
 * Pattern engine with RE2 semantics (see patterns.ts): the native regular expression itself when the pattern runs
 * natively (no call in between), else RE2; `toString` keys ajv's per-pattern cache.
 */
function regExp(pattern: string): Matcher {
  const matcher = compilePattern(pattern);
  if (matcher instanceof RegExp) return matcher;
  return { test: (s: string) => matcher.test(s), toString: () => `k8s-pattern:${pattern}` } as Matcher;
}
regExp.code = 'k8sRegExp';

/**
 * The functions the generated validators call that ajv cannot write as code (the keywords below, the formats):
 * the code generated at build time (see `precompiledSource`) reaches them by name through this table.
 */
const RUNTIME_NAMES = new Map<unknown, string>();

/** Duplicate detection of `x-kubernetes-list-type: map|set` (apiextensions structurallisttype). */
function listTypeKeyword(this: unknown, schema: { type: string; keys: string[] }, data: unknown): boolean {
  (listTypeKeyword as unknown as { errors: unknown }).errors = null;
  if (!Array.isArray(data) || data.length < 2) return true;
  const seen = new Set<string>();
  let errors: Array<Partial<ErrorObject>> | undefined;
  for (let index = 0; index < data.length; index++) {
    const item = data[index];
    let key: string;
    let shown: unknown;
    if (schema.type === 'set') {
      shown = item;
      key = typeof item === 'object' && item !== null ? stableStringify(item) : `${typeof item}:${String(item)}`;
    } else {
      if (!isPlainObject(item)) continue;
      key = '';
      for (const k of schema.keys) {
        const v = hasOwn(item, k) ? item[k] : undefined;
        key += `\u0000${typeof v === 'object' && v !== null ? stableStringify(v) : `${typeof v}:${String(v)}`}`;
      }
      shown = undefined;
      if (seen.has(key)) {
        const fields: Record<string, unknown> = {};
        for (const k of schema.keys) if (hasOwn(item, k)) fields[k] = item[k];
        shown = fields;
      }
    }
    if (seen.has(key)) (errors ??= []).push({ keyword: 'x-k8s-list', params: { index, value: shown } });
    else seen.add(key);
  }
  (listTypeKeyword as unknown as { errors: unknown }).errors = errors ?? null;
  return errors === undefined;
}

/** The number of code points of `s`. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n++;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/**
 * maxLength/minLength in code points, without counting them in the common case: a string has at most as many code
 * points as UTF-16 units, and at least half as many. Written into the validator's code (no call per string).
 */
function lengthKeyword(keyword: string, max: boolean): KeywordDefinition {
  return {
    keyword,
    type: 'string',
    schemaType: 'number',
    code(cxt: KeywordCxt) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { _ } = require('ajv') as typeof import('ajv');
      const { gen, data } = cxt;
      const n = Number(cxt.schema);
      const count = gen.scopeValue('func', { ref: codePoints, code: _`rt.codePoints` });
      cxt.fail(max
        ? _`!(${data}.length <= ${n} || (${data}.length <= ${2 * n} && ${count}(${data}) <= ${n}))`
        : _`!(${data}.length >= ${2 * n} || (${data}.length >= ${n} && ${count}(${data}) >= ${n}))`);
    },
  };
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const FORMATS = {
  'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX },
  'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) },
  'ipv4': { type: 'string', validate: isIPv4Format },
  'ipv6': { type: 'string', validate: isIPv6Format },
  'date-time': { type: 'string', validate: isDateTimeFormat },
} as const;

RUNTIME_NAMES.set(listTypeKeyword, 'rt.listType');
for (const [name, format] of Object.entries(FORMATS)) RUNTIME_NAMES.set(format, `rt.formats[${JSON.stringify(name)}]`);

/** What the code generated at build time reaches as `rt` (see RUNTIME_NAMES). */
const RUNTIME = { listType: listTypeKeyword, codePoints, formats: FORMATS };

let AJV: Ajv | undefined;

function ajv(): Ajv {
  AJV ??= newAjv();
  return AJV;
}

/**
 * An ajv instance for the Kubernetes schemas (the names in its generated code are numbered per instance). `optimize`:
 * ajv's optimizer passes over the generated code, worth their cost at build time only.
 */
function newAjv(optimize: number | false = false): Ajv {
  // loaded on first use: a run whose schemas were all compiled at build time never loads ajv's compiler
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvClass: typeof Ajv = require('ajv').default;
  const instance = new AjvClass({
    allErrors: true,
    strict: false,
    verbose: true,
    messages: false,
    validateSchema: false,
    // a definition is a function of its own (see translateRoot)
    inlineRefs: false,
    // at run time the generated code is not optimized (ajv's optimizer pass costs about half of a compile): a one-shot
    // run compiles each schema once; source: the code is kept, so that it can be written into the bundle
    code: { source: true, optimize, regExp: regExp as unknown as NonNullable<NonNullable<ConstructorParameters<typeof Ajv>[0]>['code']>['regExp'] },
    formats: FORMATS,
  });
  instance.addKeyword({ keyword: 'x-k8s-list', type: 'array', errors: true, validate: listTypeKeyword });
  instance.addKeyword(lengthKeyword('x-k8s-max-length', true));
  instance.addKeyword(lengthKeyword('x-k8s-min-length', false));
  return instance;
}

const VALIDATORS = new Map<string, ValidateFunction>();

/**
 * The validators of the bundled schemas generated at build time: `{ ajv: version, validators: { [key]: base64 } }`,
 * each the gzip of the JavaScript source (2.3 MB of code, 0.2 MB in the bundle); a run decompresses the ones it uses.
 */
interface PrecompiledValidators {
  readonly ajv: string;
  readonly validators: { readonly [key: string]: string };
}

/** The source of the bundled validator of `key`, or undefined. */
function precompiledCode(key: string): string | undefined {
  const all = (PRECOMPILED as PrecompiledValidators).validators;
  if (!Object.prototype.hasOwnProperty.call(all, key)) return undefined;
  return gunzipSync(Buffer.from(all[key], 'base64')).toString('utf-8');
}

/**
 * The JavaScript of the validator ajv generates for `schema` (a function body that returns the validate function), as
 * scripts/bundle-schema-validators.js writes it into the bundle. Deterministic for a given ajv version.
 */
export function precompiledSource(schema: K8sSchema): string {
  // a fresh instance: the names in the code do not depend on what was compiled before; optimized, at build time
  const instance = newAjv(OPTIMIZER_PASSES);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CodeClass: new (code: string) => unknown = require('ajv/dist/compile/codegen/code')._Code;
  const fn = instance.compile(translateRoot(schema));
  const source = fn.source;
  if (!source?.scopeValues) throw new Error('ajv kept no source of the validator (code.source)');
  type Name = { prefix: string; value?: { ref: unknown } };
  type Scope = { scopeCode(values: unknown, used: unknown, getCode: (n: Name) => unknown): unknown };
  const scope = (instance as unknown as { scope: Scope }).scope;
  const used = {};
  const getCode = (name: Name): unknown => {
    const ref = name.value?.ref;
    const defined = typeof ref === 'function' ? (ref as { source?: { scopeValues: unknown; validateCode: unknown } }).source : undefined;
    // the function of a definition (see translateRoot), with the values it uses
    if (name.prefix === 'validate' && defined) {
      return new CodeClass(`${String(scope.scopeCode(defined.scopeValues, used, getCode))}\n${String(defined.validateCode)}`);
    }
    const runtime = name.value && RUNTIME_NAMES.get(name.value.ref);
    if (runtime === undefined) return undefined;
    return new CodeClass(`const ${String(name)} = ${runtime};`);
  };
  const values = scope.scopeCode(source.scopeValues, used, getCode);
  return `"use strict";\n${String(values)}\n${String(source.validateCode)}\nreturn ${String(source.validateName)};\n`;
}

/** The ajv version the bundled validators were generated with (they are used only with the same version). */
export function precompiledAjvVersion(): string {
  return (PRECOMPILED as PrecompiledValidators).ajv;
}

/** The source of the validator of every bundled schema, by key (for scripts/bundle-schema-validators.js). */
export function allPrecompiledSources(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of allSchemaKeys().sort()) out[key] = precompiledSource(schemaByKey(key));
  return out;
}

/** The content of src/validation/bundle/schema-validators.json for the current bundle and ajv version. */
export function encodeSchemaValidators(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require('ajv/package.json') as { version: string }).version;
  const validators: Record<string, string> = {};
  for (const [key, code] of Object.entries(allPrecompiledSources())) {
    validators[key] = gzipSync(Buffer.from(code, 'utf-8'), { level: 9 }).toString('base64');
  }
  return JSON.stringify({ ajv: version, validators }, undefined, 1) + '\n';
}

let ajvVersion: string | undefined;

/** The validator generated at build time for `key`, or undefined (not in the bundle, or another ajv version). */
function precompiledValidator(key: string): ValidateFunction | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajvVersion ??= (require('ajv/package.json') as { version: string }).version;
  if (ajvVersion !== precompiledAjvVersion()) return undefined;
  const source = precompiledCode(key);
  if (source === undefined) return undefined;
  // the generated code calls keywords with `self` as `this` (unused) and may require ajv's runtime helpers
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function('self', 'k8sRegExp', 'rt', 'require', source) as (...args: unknown[]) => ValidateFunction;
  return make(undefined, regExp, RUNTIME, require);
}

/** `schema` compiled by ajv now, by its own instance (for the test that compares it with the bundled validator). */
export function _compileForTest(schema: K8sSchema): ValidateFunction {
  return newAjv().compile(translateRoot(schema));
}

/** ajv's optimizer passes over the code generated at build time (ajv's default is 1). */
const OPTIMIZER_PASSES = 3;

/** The compiled validator of bundled schema `key`: generated at build time, else compiled once. */
export function compiledValidator(key: string, schema: K8sSchema): ValidateFunction {
  let fn = VALIDATORS.get(key);
  if (!fn) {
    fn = precompiledValidator(key) ?? ajv().compile(translateRoot(schema));
    VALIDATORS.set(key, fn);
  }
  return fn;
}

/** Decodes a JSON pointer into path segments, telling list indices, declared properties and map keys apart. */
function pointerToSegs(pointer: string, data: unknown, root: SchemaNode): { segs: PathSegment[]; node?: SchemaNode } {
  const segs: PathSegment[] = [];
  if (pointer === '') return { segs, node: root };
  let value = data;
  let node: SchemaNode | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = Number(token);
      segs.push(index);
      value = value[index];
      node = node?.items;
    } else {
      const declared = node?.properties?.get(token);
      if (declared || !node?.additional) {
        segs.push(token);
        node = declared;
      } else {
        segs.push({ key: token });
        node = node.additional;
      }
      value = isPlainObject(value) ? value[token] : undefined;
    }
  }
  return { segs, node };
}

/** A value as the API server prints it in an error: strings quoted, numbers and booleans bare, the rest as JSON. */
export function renderValue(value: unknown): string {
  if (value === undefined || value === null) return '"null"';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 200 ? `${json.slice(0, 197)}...` : json;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Edit distance, for "did you mean" hints on unknown fields. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[y.length];
}

/** The declared property closest to `name`, when close enough to be a likely typo. */
export function suggestProperty(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const threshold = Math.max(1, Math.floor(name.length / 3));
  return best !== undefined && bestDistance <= threshold ? best : undefined;
}

/** Is `schemaPath` inside a branch of oneOf/anyOf/not (reported once, by the composite keyword itself)? */
function insideComposite(schemaPath: string): boolean {
  return /\/(oneOf|anyOf)\/\d+\/|\/not\//.test(schemaPath);
}

/** The first violation of each failed branch of a oneOf/anyOf, as a hint of what would fix it. */
function branchHints(errors: readonly ErrorObject[], composite: ErrorObject, data: unknown, root: SchemaNode): string {
  const prefix = `${composite.schemaPath}/`;
  const byBranch = new Map<string, { texts: string[]; alternatives: boolean }>();
  for (const e of errors) {
    if (!e.schemaPath.startsWith(prefix) || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    if (e.instancePath !== composite.instancePath && !e.instancePath.startsWith(`${composite.instancePath}/`)) continue;
    const rest = e.schemaPath.slice(prefix.length);
    const branch = rest.split('/')[0];
    const described = describe(e, data, root, errors, true);
    if (!described) continue;
    const entry = byBranch.get(branch) ?? { texts: [], alternatives: true };
    entry.texts.push(described.short ?? `${formatPath(described.segs)}: ${described.message}`);
    // leaf errors that all come from a nested anyOf are alternatives of each other
    entry.alternatives = entry.alternatives && /\/anyOf\/\d+\//.test(rest.slice(branch.length));
    byBranch.set(branch, entry);
  }
  return [...byBranch.entries()]
    .map(([b, { texts, alternatives }]) => `alternative ${Number(b) + 1}: ${texts.join(alternatives ? ' or ' : ', ')}`)
    .join('; ');
}

function describe(
  e: ErrorObject, data: unknown, root: SchemaNode, all: readonly ErrorObject[], nested = false,
): StructuralIssue | undefined {
  const { segs, node } = pointerToSegs(e.instancePath, data, root);
  const path = formatPath(segs);
  const value = e.data;
  const p = e.params as Record<string, unknown>;
  const invalid = (detail: string, blocking = false): StructuralIssue => ({
    segs,
    message: `Invalid value: ${renderValue(value)}: ${path} in body ${detail}`,
    blocking,
    reason: 'other',
    short: `${path} ${detail}`,
  });
  switch (e.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      return { segs: [...segs, missing], message: 'Required value', blocking: true, reason: 'other' };
    }
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const fieldSegs: PathSegment[] = [...segs, name];
      const suggestion = suggestProperty(name, node?.properties?.keys() ?? []);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      return {
        segs: fieldSegs,
        message: `unknown field "${formatPath(fieldSegs)}"${hint}: it is not declared in the schema, and the API server would drop it silently`,
        blocking: false,
        reason: 'unknown-field',
      };
    }
    case 'type': {
      const expected = Array.isArray(p.type) ? (p.type as string[]).join(' or ') : String(p.type);
      return invalid(`must be of type ${expected}: "${jsonType(value)}"`, true);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      return {
        segs,
        message: `Unsupported value: ${renderValue(value)}: supported values: ${allowed.join(', ')}`,
        blocking: true,
        reason: 'enum',
        value,
      };
    }
    case 'x-k8s-max-length':
      return { segs, message: `Too long: may not be more than ${e.schema} bytes`, blocking: true, reason: 'other' };
    case 'x-k8s-min-length':
      return invalid(`should be at least ${e.schema} chars long`);
    case 'pattern':
      return invalid(`should match '${p.pattern}'`);
    case 'maximum':
      return invalid(`should be less than or equal to ${p.limit}`);
    case 'minimum':
      return invalid(`should be greater than or equal to ${p.limit}`);
    case 'exclusiveMaximum':
      return invalid(`should be less than ${p.limit}`);
    case 'exclusiveMinimum':
      return invalid(`should be greater than ${p.limit}`);
    case 'maxItems':
      return { segs, message: `Too many: ${Array.isArray(value) ? value.length : '?'}: must have at most ${p.limit} items`, blocking: true, reason: 'other' };
    case 'minItems':
      return { segs, message: `Invalid value: ${Array.isArray(value) ? value.length : 0}: ${path} in body should have at least ${p.limit} items`, blocking: false, reason: 'other' };
    case 'maxProperties':
      return { segs, message: `Too many: ${isPlainObject(value) ? Object.keys(value).length : '?'}: must have at most ${p.limit} items`, blocking: true, reason: 'other' };
    case 'minProperties':
      return invalid(`should have at least ${p.limit} properties`);
    case 'uniqueItems':
      return invalid("shouldn't contain duplicates");
    case 'format':
      return invalid(`must be of type ${p.format}: ${JSON.stringify(String(value))}`, true);
    case 'x-k8s-list': {
      const index = Number(p.index);
      return { segs: [...segs, index], message: `Duplicate value: ${renderValue(p.value)}`, blocking: false, reason: 'other' };
    }
    case 'oneOf':
    case 'anyOf': {
      const passing = e.keyword === 'oneOf' && Array.isArray(p.passingSchemas) ? (p.passingSchemas as number[]).length : 0;
      const detail = e.keyword === 'oneOf'
        ? `must validate one and only one schema (oneOf). ${passing > 1 ? `Found ${passing} valid alternatives` : 'Found none valid'}`
        : 'must validate at least one schema (anyOf)';
      const hints = branchHints(all, e, data, root);
      const issue = invalid(detail);
      return hints && !nested ? { ...issue, message: `${issue.message} (${hints})` } : { ...issue, short: `${path} ${detail}${hints ? ` (${hints})` : ''}` };
    }
    case 'not': {
      const forbidden = (e.schema as K8sSchema | undefined)?.enum;
      const detail = 'must not validate the schema (not)';
      return forbidden
        ? { ...invalid(detail), short: `${path} must not be ${forbidden.map((v) => JSON.stringify(v)).join(' or ')}` }
        : invalid(detail);
    }
    default:
      return invalid(`failed schema keyword "${e.keyword}"`);
  }
}

/** Validates a prepared (pruned and defaulted) object against bundled schema `key`. */
export function validateStructure(key: string, schema: K8sSchema, root: SchemaNode, data: unknown): StructuralIssue[] {
  const fn = compiledValidator(key, schema);
  if (fn(data)) return [];
  const errors = fn.errors ?? [];
  const issues: StructuralIssue[] = [];
  for (const e of errors) {
    if (insideComposite(e.schemaPath)) continue;
    const issue = describe(e, data, root, errors);
    if (issue) issues.push(issue);
  }
  return issues.sort((a, b) => comparePaths(a.segs, b.segs));
}
