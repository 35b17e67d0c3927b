/** CEL source parsed once per process. */
import { parse } from '@bufbuild/cel';

const PARSED = new Map<string, ReturnType<typeof parse>>();

/**
 * `source` parsed, once per process: a rule is read several times (compiled, planned, looked at as a uniqueness
 * rule, split into a conjunction), and the same rules recur across versions, kinds and channels; parsing is the
 * costliest step of compiling. The parsed expression is never modified.
 */
export function parsed(source: string): ReturnType<typeof parse> {
  let expr = PARSED.get(source);
  if (!expr) {
    expr = parse(source);
    PARSED.set(source, expr);
  }
  return expr;
}
