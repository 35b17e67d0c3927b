/**
 * The CEL rules of the bundled CRDs, parsed at build time (`node scripts/bundle-cel-asts.js` writes
 * ../bundle/cel-asts.json): parsing is the costliest step of compiling a rule, and a one-shot run (the CLI, one
 * `cdk8s synth`) compiles every rule it meets. The table holds the parsed expression of every CEL source the
 * compiler asks for (rules, message expressions, the conjunctions and their parts), keyed by the exact source text;
 * a source it does not have is parsed at run time, so a stale table only costs time (a test keeps it complete, and
 * checks that every entry is exactly what the parser returns).
 *
 * Format: gzip of a JSON object `{ types: string[], asts: { [source]: tree } }`, where a tree is the parsed
 * expression as JSON with each `$typeName` replaced by `$t` (an index into `types`), each bigint by `{ $n: "…" }`, each
 * byte string by `{ $b: "<base64>" }` and each property set to undefined by `{ $u: 1 }`.
 */
import { gunzipSync, gzipSync } from 'zlib';
import type { parse } from '@bufbuild/cel';
import PRECOMPILED from '../bundle/cel-asts.json';

/** A parsed CEL expression (a `cel.expr.ParsedExpr` message). */
export type ParsedExpr = ReturnType<typeof parse>;

interface Table {
  readonly types: readonly string[];
  readonly asts: { readonly [source: string]: unknown };
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
  return decode(t.asts[source], t.types) as ParsedExpr;
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
  for (const source of [...parsed.keys()].sort()) asts[source] = encode(parsed.get(source));
  const json = JSON.stringify({ types, asts });
  return JSON.stringify({ gzip: gzipSync(Buffer.from(json, 'utf-8'), { level: 9 }).toString('base64') }) + '\n';
}
