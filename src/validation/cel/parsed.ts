/** CEL source parsed once per process, or taken from the table parsed at build time (see precompiled.ts). */
import type { parse } from '@bufbuild/cel';
import { precompiledAst } from './precompiled';

const PARSED = new Map<string, ReturnType<typeof parse>>();

/**
 * `source` parsed, once per process: a rule is read several times (compiled, planned, looked at as a uniqueness
 * rule, split into a conjunction), and the same rules recur across versions, kinds and channels; parsing is the
 * costliest step of compiling. The parsed expression is never modified.
 */
export function parsed(source: string): ReturnType<typeof parse> {
  let expr = PARSED.get(source);
  if (!expr) {
    // the CEL runtime is loaded only for a source the build-time table does not have
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expr = precompiledAst(source) ?? (require('@bufbuild/cel') as typeof import('@bufbuild/cel')).parse(source);
    PARSED.set(source, expr);
  }
  return expr;
}

/** Every source parsed (or taken from the table) so far, sorted, with its parsed expression. */
export function parsedSources(): ReadonlyMap<string, ReturnType<typeof parse>> {
  return new Map([...PARSED.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
