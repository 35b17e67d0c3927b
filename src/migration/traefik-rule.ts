/**
 * A parser for Traefik HTTP router rules (`Host(\`a.example.com\`) && (PathPrefix(\`/api\`) || Path(\`/health\`))`):
 * a tokenizer and a recursive-descent grammar with Traefik's precedence (`!` over `&&` over `||`, parentheses).
 * Values are backtick- or double-quoted Go string literals. https://doc.traefik.io/traefik/routing/routers/#rule
 *
 *   or      := and ('||' and)*
 *   and     := unary ('&&' unary)*
 *   unary   := '!' unary | '(' or ')' | matcher
 *   matcher := NAME '(' STRING (',' STRING)* ')'
 */

/** A parsed rule. */
export type RuleExpr =
  | { op: 'or' | 'and'; args: RuleExpr[] }
  | { op: 'not'; arg: RuleExpr }
  | { op: 'matcher'; name: string; values: string[] };

/** A matcher of a conjunction (after `toDnf`), possibly negated. */
export interface RuleMatcher {
  readonly name: string;
  readonly values: string[];
  readonly negated: boolean;
}

type Token = { t: 'name' | 'string' | '(' | ')' | ',' | '&&' | '||' | '!'; v: string; at: number };

/** Thrown for a rule that does not parse; the message names the position. */
export class RuleSyntaxError extends Error {}

function tokenize(rule: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === ',' || c === '!') { out.push({ t: c, v: c, at: i }); i++; continue; }
    if (rule.startsWith('&&', i) || rule.startsWith('||', i)) { out.push({ t: rule.slice(i, i + 2) as '&&' | '||', v: rule.slice(i, i + 2), at: i }); i += 2; continue; }
    if (c === '`') {
      const end = rule.indexOf('`', i + 1);
      if (end < 0) throw new RuleSyntaxError(`unterminated \` string at ${i}`);
      out.push({ t: 'string', v: rule.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < rule.length && rule[j] !== '"') {
        if (rule[j] === '\\' && j + 1 < rule.length) { v += rule[j + 1]; j += 2; } else { v += rule[j]; j++; }
      }
      if (j >= rule.length) throw new RuleSyntaxError(`unterminated " string at ${i}`);
      out.push({ t: 'string', v, at: i });
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z][A-Za-z0-9]*/.exec(rule.slice(i));
    if (m) { out.push({ t: 'name', v: m[0], at: i }); i += m[0].length; continue; }
    throw new RuleSyntaxError(`unexpected "${c}" at ${i}${c === '\'' ? ' (single quotes are not accepted: use backticks)' : ''}`);
  }
  return out;
}

/** Parses a Traefik rule; throws `RuleSyntaxError`. */
export function parseTraefikRule(rule: string): RuleExpr {
  if (rule.length > 10000) throw new RuleSyntaxError('rule longer than 10000 characters');
  const tokens = tokenize(rule);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (t: Token['t']): Token => {
    const tok = tokens[pos];
    if (!tok || tok.t !== t) throw new RuleSyntaxError(`expected ${t} at ${tok ? tok.at : rule.length}${tok ? ` (got "${tok.v}")` : ' (end of rule)'}`);
    pos++;
    return tok;
  };
  let depth = 0;
  const or = (): RuleExpr => {
    const args = [and()];
    while (peek()?.t === '||') { pos++; args.push(and()); }
    return args.length === 1 ? args[0] : { op: 'or', args };
  };
  const and = (): RuleExpr => {
    const args = [unary()];
    while (peek()?.t === '&&') { pos++; args.push(unary()); }
    return args.length === 1 ? args[0] : { op: 'and', args };
  };
  const unary = (): RuleExpr => {
    const tok = peek();
    if (!tok) throw new RuleSyntaxError(`unexpected end of rule at ${rule.length}`);
    if (tok.t === '!') { pos++; return { op: 'not', arg: unary() }; }
    if (tok.t === '(') {
      pos++;
      if (++depth > 100) throw new RuleSyntaxError('parentheses nested deeper than 100');
      const e = or();
      depth--;
      expect(')');
      return e;
    }
    const name = expect('name').v;
    expect('(');
    const values = [expect('string').v];
    while (peek()?.t === ',') { pos++; values.push(expect('string').v); }
    expect(')');
    return { op: 'matcher', name, values };
  };
  const e = or();
  if (pos < tokens.length) throw new RuleSyntaxError(`unexpected "${tokens[pos].v}" at ${tokens[pos].at}`);
  return e;
}

/**
 * The rule as an OR of ANDs of (possibly negated) matchers; a matcher with several values (`Host(\`a\`, \`b\`)`,
 * Traefik v2) is an OR of its values. Throws when the expansion exceeds `limit` conjunctions.
 */
export function toDnf(e: RuleExpr, limit = 256): RuleMatcher[][] {
  const go = (x: RuleExpr, negated: boolean): RuleMatcher[][] => {
    switch (x.op) {
      case 'matcher':
        if (negated || x.values.length === 1 || !['Host', 'Path', 'PathPrefix', 'Method', 'HostRegexp'].includes(x.name)) return [[{ name: x.name, values: x.values, negated }]];
        return x.values.map((v) => [{ name: x.name, values: [v], negated: false }]);
      case 'not':
        return go(x.arg, !negated);
      case 'or':
      case 'and': {
        const isOr = (x.op === 'or') !== negated; // De Morgan
        const parts = x.args.map((a) => go(a, negated));
        if (isOr) return parts.flat();
        let acc: RuleMatcher[][] = [[]];
        for (const p of parts) {
          const next: RuleMatcher[][] = [];
          for (const a of acc) for (const b of p) next.push([...a, ...b]);
          if (next.length > limit) throw new RuleSyntaxError(`the rule expands to more than ${limit} alternatives`);
          acc = next;
        }
        return acc;
      }
    }
  };
  return go(e, false);
}
