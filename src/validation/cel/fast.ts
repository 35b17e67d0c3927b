/**
 * The JavaScript fast path of a node's rules: the conjunction of its active rules translated from their parsed CEL
 * into one JavaScript function on the prepared JSON subject, which answers only "every rule is `true`".
 *
 * A one-shot run (the CLI, one `cdk8s synth`) meets mostly new subjects that pass every rule: for those, CEL's
 * interpreter (a CEL value of the subject, then the planned program) costs ten to a hundred times what the same
 * test costs as plain JavaScript. The translation is exact where it answers and refuses everything else:
 * - every translated operation either gives exactly the value CEL gives or throws (a type it does not handle, an
 *   absent field, an integer outside the safe range, a function it does not translate, `null`, ...);
 * - the function returns true only when the conjunction evaluated to exactly `true`, and false when it threw or
 *   gave anything else. False decides nothing: the caller then evaluates the rules with CEL as before, so a refusal
 *   costs time, never a different verdict. (CEL's `&&` and `||` absorb an error when the other side decides; the
 *   translation throws instead, which only refuses more.)
 * Field names are resolved through the schema as `values.ts` exposes them to CEL (escaped property names such as
 * `__namespace__`, map keys as they are); the `metadata` of a root object is not translated.
 */
import type { AstExpr } from './ast';
import { cachedPattern } from '../patterns';
import { hasOwn, isPlainObject } from '../prepare';
import { SchemaNode } from '../schema-node';

/** A subject passes every active rule of its node (true), or the caller must ask CEL (false). */
export type FastAllPass = (self: unknown) => boolean;

class Refused extends Error {}

/** The runtime helpers of the generated code: each returns CEL's value or throws. */
const H = {
  fail(): never {
    throw new Refused();
  },
  bool(x: unknown): boolean {
    if (typeof x !== 'boolean') throw new Refused();
    return x;
  },
  str(x: unknown): string {
    if (typeof x !== 'string') throw new Refused();
    return x;
  },
  /** A CEL `int` from JSON (values.ts: a safe integer under an integer or untyped schema). */
  int(x: unknown): number {
    if (!Number.isSafeInteger(x)) throw new Refused();
    return x as number;
  },
  /** A value under a schema that is neither integer nor int-or-string: a number there is a CEL double, refused. */
  notNumber(x: unknown): unknown {
    if (typeof x === 'number') throw new Refused();
    return x;
  },
  list(x: unknown): readonly unknown[] {
    if (!Array.isArray(x)) throw new Refused();
    return x;
  },
  /** A declared property (`json` is its JSON name) or map key of a JSON object; absent: CEL's "no such key". */
  get(x: unknown, json: string): unknown {
    if (!isPlainObject(x) || !hasOwn(x, json)) throw new Refused();
    return x[json];
  },
  /** `has()`; a field set to null is refused (CEL's answer for it is not repeated here). */
  has(x: unknown, json: string): boolean {
    if (!isPlainObject(x)) throw new Refused();
    if (!hasOwn(x, json)) return false;
    if (x[json] === null) throw new Refused();
    return true;
  },
  index(x: unknown, i: unknown): unknown {
    const list = H.list(x);
    const n = H.int(i);
    if (n < 0 || n >= list.length) throw new Refused();
    return list[n];
  },
  /** `==` of strings, booleans or ints; other operands are refused (CEL compares them in ways not repeated here). */
  eq(a: unknown, b: unknown): boolean {
    if (typeof a === 'string' || typeof a === 'boolean') {
      if (typeof b !== typeof a) throw new Refused();
      return a === b;
    }
    return H.int(a) === H.int(b);
  },
  /** `<` (negative), `==` (zero) or `>` of two ints or two strings (compared as @bufbuild/cel does, by UTF-16 units). */
  cmp(a: unknown, b: unknown): number {
    if (typeof a === 'string') {
      const s = H.str(b);
      return a < s ? -1 : a > s ? 1 : 0;
    }
    return H.int(a) - H.int(b);
  },
  add(a: unknown, b: unknown): unknown {
    if (typeof a === 'string') return a + H.str(b);
    if (Array.isArray(a)) return a.concat(H.list(b));
    const sum = H.int(a) + H.int(b);
    if (!Number.isSafeInteger(sum)) throw new Refused();
    return sum;
  },
  /** `size()` of a string (code points) or a list; objects are refused (CEL counts declared fields only). */
  size(x: unknown): number {
    if (typeof x === 'string') return [...x].length;
    return H.list(x).length;
  },
  in(x: unknown, list: unknown): boolean {
    for (const e of H.list(list)) if (H.eq(x, e)) return true;
    return false;
  },
  matches(s: unknown, pattern: unknown): boolean {
    return cachedPattern(H.str(pattern)).test(H.str(s));
  },
};

/**
 * The JavaScript of an expression; the schema node of the JSON value it denotes (when it is part of `self`); `bool`:
 * its value is a boolean whenever it does not throw (no `h.bool` check needed).
 */
interface Code {
  readonly js: string;
  readonly node?: SchemaNode;
  readonly bool?: boolean;
}

const FAIL: Code = { js: 'h.fail()' };

/** `c` as a boolean: CEL's logical operators refuse any other value. */
function asBool(c: Code): string {
  return c.bool ? c.js : `h.bool(${c.js})`;
}

const bool = (js: string): Code => ({ js, bool: true });

/** Operators and global functions: [JavaScript of the call]. */
const CALLS: { readonly [fn: string]: (args: readonly Code[]) => Code } = {
  '_&&_': ([x, y]) => bool(`(${asBool(x)} && ${asBool(y)})`),
  '_||_': ([x, y]) => bool(`(${asBool(x)} || ${asBool(y)})`),
  '!_': ([x]) => bool(`(!${asBool(x)})`),
  '_?_:_': ([c, t, e]) => ({ js: `(${asBool(c)} ? ${t.js} : ${e.js})`, bool: t.bool === true && e.bool === true }),
  '@not_strictly_false': ([x]) => bool(asBool(x)),
  '_==_': ([x, y]) => bool(`h.eq(${x.js}, ${y.js})`),
  '_!=_': ([x, y]) => bool(`(!h.eq(${x.js}, ${y.js}))`),
  '_<_': ([x, y]) => bool(`(h.cmp(${x.js}, ${y.js}) < 0)`),
  '_<=_': ([x, y]) => bool(`(h.cmp(${x.js}, ${y.js}) <= 0)`),
  '_>_': ([x, y]) => bool(`(h.cmp(${x.js}, ${y.js}) > 0)`),
  '_>=_': ([x, y]) => bool(`(h.cmp(${x.js}, ${y.js}) >= 0)`),
  '_+_': ([x, y]) => ({ js: `h.add(${x.js}, ${y.js})` }),
  '@in': ([x, y]) => bool(`h.in(${x.js}, ${y.js})`),
  'size': ([x]) => ({ js: `h.size(${x.js})` }),
};

/** The number of arguments of the functions of CALLS that do not take two. */
const ARITY: { readonly [fn: string]: number } = { '!_': 1, '@not_strictly_false': 1, 'size': 1, '_?_:_': 3 };

/** Methods on a target: [JavaScript of the call, the target first]. */
const METHODS: { readonly [fn: string]: (target: Code, args: readonly Code[]) => Code } = {
  size: (t) => ({ js: `h.size(${t.js})` }),
  contains: (t, [x]) => bool(`h.str(${t.js}).includes(h.str(${x.js}))`),
  startsWith: (t, [x]) => bool(`h.str(${t.js}).startsWith(h.str(${x.js}))`),
  endsWith: (t, [x]) => bool(`h.str(${t.js}).endsWith(h.str(${x.js}))`),
  matches: (t, [x]) => bool(`h.matches(${t.js}, ${x.js})`),
};

/**
 * The JSON value `js` of schema `node` as CEL sees it (values.ts): a number is an `int` under an integer, int-or-string
 * or untyped schema, a `double` (refused) under any other.
 */
function typed(js: string, node: SchemaNode): Code {
  // under an object or array schema, every use of the value checks that it is one (h.get, h.has, h.list, h.size)
  const plain = node.type === undefined || node.type === 'integer' || node.intOrString || node.type === 'object' || node.type === 'array';
  return { js: plain ? js : `h.notNumber(${js})`, node };
}

class Translator {
  private vars = 0;

  public constructor(private readonly root: SchemaNode) {}

  public expr(e: AstExpr, scope: ReadonlyMap<string, Code>): Code {
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr':
        return this.constant(k.value.constantKind);
      case 'identExpr':
        return scope.get(k.value.name) ?? FAIL;
      case 'selectExpr': {
        const operand = this.expr(k.value.operand, scope);
        return this.field(operand, k.value.field, k.value.testOnly === true);
      }
      case 'listExpr': {
        const elements = (k.value.elements as AstExpr[]).map((x) => this.expr(x, scope).js);
        return { js: `[${elements.join(', ')}]` };
      }
      case 'callExpr':
        return this.call(k.value, scope);
      case 'comprehensionExpr':
        return this.comprehension(k.value, scope);
      default:
        return FAIL;
    }
  }

  private constant(c: { case: string; value: unknown }): Code {
    switch (c.case) {
      case 'boolValue':
        return bool(c.value ? 'true' : 'false');
      case 'stringValue':
        return { js: JSON.stringify(c.value) };
      case 'int64Value': {
        const n = Number(c.value as bigint);
        return Number.isSafeInteger(n) && BigInt(n) === BigInt(c.value as bigint) ? { js: `(${String(n)})` } : FAIL;
      }
      default:
        return FAIL;
    }
  }

  /** `x.f` (or `has(x.f)`) on a value of `self`, through its schema node as values.ts shows it to CEL. */
  private field(operand: Code, celName: string, testOnly: boolean): Code {
    const node = operand.node;
    if (!node) return FAIL;
    let json: string;
    let child: SchemaNode | undefined;
    if (node.properties) {
      const entry = node.celByName.get(celName);
      if (!entry) return FAIL;
      [json, child] = entry;
      if (node === this.root && json === 'metadata') return FAIL;
    } else if (node.additional) {
      json = celName;
      child = node.additional;
    } else {
      return FAIL;
    }
    if (testOnly) return bool(`h.has(${operand.js}, ${JSON.stringify(json)})`);
    return typed(`h.get(${operand.js}, ${JSON.stringify(json)})`, child);
  }

  private call(call: any, scope: ReadonlyMap<string, Code>): Code {
    const name: string = call.function;
    const args = (call.args as AstExpr[]).map((a) => this.expr(a, scope));
    if (call.target) {
      const method = METHODS[name];
      if (!method || args.length !== (name === 'size' ? 0 : 1)) return FAIL;
      return method(this.expr(call.target, scope), args);
    }
    if (name === '_[_]' && args.length === 2) {
      const [container, key] = args;
      const constKey = (call.args[1] as AstExpr).exprKind;
      if (container.node?.items) return typed(`h.index(${container.js}, ${key.js})`, container.node.items);
      if (constKey.case === 'constExpr' && constKey.value.constantKind.case === 'stringValue') {
        return this.field(container, constKey.value.constantKind.value, false);
      }
      return FAIL;
    }
    const template = CALLS[name];
    if (!template || args.length !== (ARITY[name] ?? 2)) return FAIL;
    return template(args);
  }

  private comprehension(c: any, scope: ReadonlyMap<string, Code>): Code {
    if (c.iterVar2) return FAIL;
    const range = this.expr(c.iterRange, scope);
    const n = this.vars++;
    const [list, i, x, accu] = [`l${n}`, `i${n}`, `x${n}`, `a${n}`];
    const inner = new Map(scope);
    const items = range.node?.items;
    inner.set(c.iterVar, items ? typed(x, items) : { js: x });
    inner.set(c.accuVar, { js: accu });
    const resultScope = new Map(scope);
    resultScope.set(c.accuVar, { js: accu });
    const condition = this.expr(c.loopCondition, inner);
    const result = this.expr(c.result, resultScope);
    // a map's keys are refused (h.list): CEL iterates the declared fields present, values.ts decides which
    return {
      js: `(() => { const ${list} = h.list(${range.js}); let ${accu} = ${this.expr(c.accuInit, scope).js}; ` +
        `for (let ${i} = 0; ${i} < ${list}.length; ${i}++) { const ${x} = ${list}[${i}]; ` +
        `${condition.js === 'true' ? '' : `if (!${asBool(condition)}) break; `}${accu} = ${this.expr(c.loopStep, inner).js}; } ` +
        `return ${result.js}; })()`,
      bool: result.bool,
    };
  }
}

/**
 * The fast path of the rules `exprs` (the parsed expressions of a node's active rules) of `node`, or undefined when
 * none of it translates. Untranslated parts throw when reached, which refuses (see the module comment).
 */
export function fastAllPass(exprs: readonly AstExpr[], node: SchemaNode): FastAllPass | undefined {
  if (exprs.length === 0) return undefined;
  const translator = new Translator(node);
  const scope = new Map<string, Code>([['self', typed('s', node)]]);
  const terms = exprs.map((e) => translator.expr(e, scope));
  if (terms.every((t) => t.js === FAIL.js)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const body = new Function('h', 's', `return ${terms.map(asBool).join(' && ')};`) as (h: typeof H, s: unknown) => boolean;
  return (subject: unknown) => {
    try {
      return body(H, subject) === true;
    } catch (e) {
      // a refusal, or an error of the subject (e.g. a stack overflow): CEL decides
      return false;
    }
  };
}

/** The generated JavaScript of a node's fast path (for tests and diagnostics). */
export function fastAllPassSource(exprs: readonly AstExpr[], node: SchemaNode): string {
  const translator = new Translator(node);
  const self = new Map<string, Code>([['self', typed('s', node)]]);
  return exprs.map((e) => translator.expr(e, self).js).join(' && ');
}
