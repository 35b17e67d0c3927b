/**
 * The CEL rules of the bundled CRDs, parsed at build time (`node scripts/bundle-cel-asts.js` writes
 * ../bundle/cel-asts.json): parsing is the costliest step of compiling a rule, and a one-shot run (the CLI, one
 * `cdk8s synth`) compiles every rule it meets. The table holds the parsed expression of every CEL source the
 * compiler asks for (rules, message expressions, the conjunctions and their parts), keyed by the exact source text;
 * a source it does not have is parsed at run time, so a stale table only costs time (a test keeps it complete, and
 * checks that every entry is exactly what the parser returns).
 *
 * The table also holds the signatures of the CEL functions the rule checker looks up (`funcs`: name → overloads as
 * `f<arity>`/`m<arity>`, or null for none), so that compiling the bundled rules does not load the CEL environment.
 *
 * Format: gzip of a JSON object `{ types: string[], asts: { [source]: JSON of the tree }, funcs }`, where a tree is the parsed
 * expression as JSON with each `$typeName` replaced by `$t` (an index into `types`), each bigint by `{ $n: "…" }`, each
 * byte string by `{ $b: "<base64>" }` and each property set to undefined by `{ $u: 1 }`.
 */
import { gunzipSync, gzipSync } from 'zlib';
import type { parse } from '@bufbuild/cel';
import { liveSignatures } from './runtime';
import PRECOMPILED from '../bundle/cel-asts.json';

/** A parsed CEL expression (a `cel.expr.ParsedExpr` message). */
export type ParsedExpr = ReturnType<typeof parse>;

interface Table {
  readonly types: readonly string[];
  readonly asts: { readonly [source: string]: unknown };
  readonly funcs?: { readonly [name: string]: readonly string[] | null };
}

let table: Table | undefined;

function loaded(): Table {
  table ??= JSON.parse(gunzipSync(Buffer.from((PRECOMPILED as { gzip: string }).gzip, 'base64')).toString('utf-8')) as Table;
  return table;
}

function decode(tree: unknown, types: readonly string[]): unknown {
  if (Array.isArray(tree)) return tree.map((x) => decode(x, types));
  if (tree === null || typeof tree !== 'object') return tree;
  const obj = tree as Record<string, unknown>;
  if (typeof obj.$n === 'string') return BigInt(obj.$n);
  if (typeof obj.$b === 'string') return new Uint8Array(Buffer.from(obj.$b, 'base64'));
  if (obj.$u === 1) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (key === '$t') out.$typeName = types[obj.$t as number];
    else out[key] = decode(obj[key], types);
  }
  return out;
}

/** The build-time parse of `source`, or undefined when the table does not have it. */
export function precompiledAst(source: string): ParsedExpr | undefined {
  const t = loaded();
  if (!Object.prototype.hasOwnProperty.call(t.asts, source)) return undefined;
  const entry = t.asts[source];
  // a tree written as an object is read too (a table of the previous format, while the script regenerates it)
  return decode(typeof entry === 'string' ? JSON.parse(entry) : entry, t.types) as ParsedExpr;
}

/** Whether the table has `source`. */
export function hasPrecompiledAst(source: string): boolean {
  return Object.prototype.hasOwnProperty.call(loaded().asts, source);
}

/** The function names the rule checker looked up in this process (for the table). */
const LOOKED_UP = new Set<string>();

/** Records that the rule checker looked up function `name`. */
export function recordFunctionLookup(name: string): void {
  LOOKED_UP.add(name);
}

/** The signatures of function `name` from the table: null when the environment has none, undefined when unknown. */
export function precompiledSignatures(name: string): readonly string[] | null | undefined {
  const funcs = loaded().funcs;
  return funcs && Object.prototype.hasOwnProperty.call(funcs, name) ? funcs[name] : undefined;
}

/** The sources in the table. */
export function precompiledSources(): string[] {
  return Object.keys(loaded().asts);
}

/** The table file's content for these parsed sources (deterministic: sources sorted, gzip without a timestamp). */
export function encodePrecompiled(parsed: ReadonlyMap<string, ParsedExpr>): string {
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const encode = (value: unknown): unknown => {
    if (value === undefined) return { $u: 1 };
    if (typeof value === 'bigint') return { $n: String(value) };
    if (value instanceof Uint8Array) return { $b: Buffer.from(value).toString('base64') };
    if (Array.isArray(value)) return value.map(encode);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '$typeName') {
        let i = typeIndex.get(v as string);
        if (i === undefined) {
          i = types.length;
          types.push(v as string);
          typeIndex.set(v as string, i);
        }
        out.$t = i;
      } else {
        out[key] = encode(v);
      }
    }
    return out;
  };
  const asts: Record<string, unknown> = {};
  // each tree as a JSON string, parsed when its source is first asked for: a run reads a fraction of the rules
  for (const source of [...parsed.keys()].sort()) asts[source] = JSON.stringify(encode(parsed.get(source)));
  // the functions the checker looked up so far (compiling every bundled rule looks up every one they call)
  const funcs: Record<string, readonly string[] | null> = {};
  for (const name of [...LOOKED_UP].sort()) funcs[name] = liveSignatures(name);
  const json = JSON.stringify({ types, asts, funcs });
  return JSON.stringify({ gzip: gzipSync(Buffer.from(json, 'utf-8'), { level: 9 }).toString('base64') }) + '\n';
}
