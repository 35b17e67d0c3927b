/**
 * A walkable view of a structural schema: children resolved to nodes, the CEL names of the properties, the
 * defaults to apply, and whether validation rules live at or below each node.
 */
import { K8sSchema, K8sValidationRule, schemaByKey } from './bundle';

/** CEL reserved words: properties with these names are exposed to rules as `__{name}__`. */
const CEL_RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import',
  'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

/**
 * The CEL identifier of a property name, escaped as the API server does (apiextensions `celpath.Escape`):
 * reserved words become `__{word}__`, `__` becomes `__underscores__`, `.` `__dot__`, `-` `__dash__`,
 * `/` `__slash__`. Returns undefined for names CEL cannot reach (they are not visible to rules).
 */
export function escapeCelProperty(name: string): string | undefined {
  if (name.length === 0 || (name[0] >= '0' && name[0] <= '9')) return undefined;
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  let ok = true;
  const escaped = name.replace(/__|[-./]|[^a-zA-Z0-9_]/g, (s) => {
    switch (s) {
      case '__': return '__underscores__';
      case '.': return '__dot__';
      case '-': return '__dash__';
      case '/': return '__slash__';
      default:
        ok = false;
        return '';
    }
  });
  return ok ? escaped : undefined;
}

/** A schema node with its children resolved. */
export interface SchemaNode {
  readonly raw: K8sSchema;
  readonly type: string | undefined;
  readonly intOrString: boolean;
  readonly nullable: boolean;
  readonly preserveUnknown: boolean;
  /** Declared properties, in schema order. */
  readonly properties: ReadonlyMap<string, SchemaNode> | undefined;
  /** The schema of map values (`additionalProperties`). */
  readonly additional: SchemaNode | undefined;
  readonly items: SchemaNode | undefined;
  /** Properties with a `default`, applied when absent. */
  readonly defaults: ReadonlyArray<readonly [string, unknown]>;
  /** Declared properties as CEL sees them: [JSON name, CEL name, node]; names CEL cannot reach are left out. */
  readonly celProperties: ReadonlyArray<readonly [string, string, SchemaNode]>;
  /** CEL name → [JSON name, node]. */
  readonly celByName: ReadonlyMap<string, readonly [string, SchemaNode]>;
  /** `x-kubernetes-validations` of this node. */
  readonly rules: readonly K8sValidationRule[];
  /** True when this node or a descendant has rules. */
  readonly rulesBelow: boolean;
  /** The JSON-pointer-like location in the schema, for diagnostics (e.g. `.spec.rules[*].matches[*]`). */
  readonly location: string;
}

function build(raw: K8sSchema, location: string): SchemaNode {
  const properties = raw.properties
    ? new Map(Object.entries(raw.properties).map(([k, v]) => [k, build(v, `${location}.${k}`)] as const))
    : undefined;
  const additional = typeof raw.additionalProperties === 'object'
    ? build(raw.additionalProperties, `${location}[*]`)
    : undefined;
  const items = raw.items ? build(raw.items, `${location}[*]`) : undefined;
  const defaults: Array<readonly [string, unknown]> = [];
  const celProperties: Array<readonly [string, string, SchemaNode]> = [];
  for (const [name, child] of properties ?? []) {
    if (child.raw.default !== undefined) defaults.push([name, child.raw.default]);
    const celName = escapeCelProperty(name);
    if (celName !== undefined) celProperties.push([name, celName, child]);
  }
  const rules = raw['x-kubernetes-validations'] ?? [];
  const children = [...(properties?.values() ?? []), ...(additional ? [additional] : []), ...(items ? [items] : [])];
  return {
    raw,
    type: raw.type,
    intOrString: raw['x-kubernetes-int-or-string'] === true,
    nullable: raw.nullable === true,
    preserveUnknown: raw['x-kubernetes-preserve-unknown-fields'] === true,
    properties,
    additional,
    items,
    defaults,
    celProperties,
    celByName: new Map(celProperties.map(([json, cel, child]) => [cel, [json, child] as const])),
    rules,
    rulesBelow: rules.length > 0 || children.some((c) => c.rulesBelow),
    location,
  };
}

/** The node tree of a schema that is not in the bundle (tests, tools). */
export function schemaNodeOf(raw: K8sSchema): SchemaNode {
  return build(raw, '');
}

const NODES = new Map<string, SchemaNode>();

/** The node tree of the bundled schema `key` (built once). */
export function schemaNode(key: string): SchemaNode {
  let node = NODES.get(key);
  if (!node) {
    node = build(schemaByKey(key), '');
    NODES.set(key, node);
  }
  return node;
}

/** Every node of a tree, depth first (parents before children, schema order). */
export function* walkNodes(node: SchemaNode): Generator<SchemaNode> {
  yield node;
  for (const child of node.properties?.values() ?? []) yield* walkNodes(child);
  if (node.additional) yield* walkNodes(node.additional);
  if (node.items) yield* walkNodes(node.items);
}
