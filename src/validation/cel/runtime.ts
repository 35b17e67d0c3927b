/**
 * The CEL runtime (@bufbuild/cel) and the Kubernetes CEL environment, loaded on first use: a run whose subjects all
 * pass the JavaScript fast path (fast.ts), with rules parsed at build time (precompiled.ts), never loads them.
 */
import type * as CelModule from '@bufbuild/cel';
import type * as Library from './library';

let cel: typeof CelModule | undefined;
let library: typeof Library | undefined;

/** The @bufbuild/cel module. */
export function celRuntime(): typeof CelModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cel ??= require('@bufbuild/cel') as typeof CelModule;
  return cel;
}

/** The CEL environment of CRD validation rules (library.ts). */
export function celEnvironment(): typeof Library.CEL_ENV {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  library ??= require('./library') as typeof Library;
  return library.CEL_ENV;
}

/**
 * The overloads of the environment's function `name` as `f<arity>` (global) and `m<arity>` (member), sorted; null
 * when the environment has no such function. What the rule checker of compile.ts needs to know of a function.
 */
export function liveSignatures(name: string): string[] | null {
  const group = celEnvironment().funcs.find(name);
  if (!group) return null;
  return [...new Set([...group].map((f) => `${f.target !== undefined ? 'm' : 'f'}${f.arguments.length}`))].sort();
}
