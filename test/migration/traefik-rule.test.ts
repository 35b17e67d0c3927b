import { parseTraefikRule, RuleSyntaxError, toDnf } from '../../src/migration/traefik-rule';

describe('Traefik rule parser', () => {
  test('precedence: && binds tighter than ||, parentheses group', () => {
    expect(parseTraefikRule('Host(`a`) && PathPrefix(`/x`) || Path(`/y`)')).toEqual({
      op: 'or',
      args: [
        { op: 'and', args: [{ op: 'matcher', name: 'Host', values: ['a'] }, { op: 'matcher', name: 'PathPrefix', values: ['/x'] }] },
        { op: 'matcher', name: 'Path', values: ['/y'] },
      ],
    });
    const dnf = toDnf(parseTraefikRule('Host(`a`) && (PathPrefix(`/x`) || Path(`/y`))'));
    expect(dnf.map((c) => c.map((m) => `${m.name}:${m.values[0]}`))).toEqual([['Host:a', 'PathPrefix:/x'], ['Host:a', 'Path:/y']]);
  });

  test('double-quoted values with escapes, several values, Header with two arguments', () => {
    expect(parseTraefikRule('Header("X-A", "b\\"c")')).toEqual({ op: 'matcher', name: 'Header', values: ['X-A', 'b"c'] });
    expect(toDnf(parseTraefikRule('Host(`a`, `b`)')).length).toBe(2);
  });

  test('negation goes through De Morgan and stays marked', () => {
    const dnf = toDnf(parseTraefikRule('!(Host(`a`) || Path(`/b`))'));
    expect(dnf).toEqual([[{ name: 'Host', values: ['a'], negated: true }, { name: 'Path', values: ['/b'], negated: true }]]);
  });

  test.each([
    ['Host(`a`', /expected \)/],
    ["Host('a')", /single quotes/],
    ['Host(`a`) &&', /unexpected end/],
    ['Host(`a`) Path(`/`)', /unexpected "Path"/],
    ['Host(`a)', /unterminated/],
    ['(((', /unexpected end/],
  ])('fails on %s', (rule, message) => {
    expect(() => parseTraefikRule(rule)).toThrow(RuleSyntaxError);
    expect(() => parseTraefikRule(rule)).toThrow(message);
  });

  test('a rule that expands past the limit is refused, not expanded', () => {
    const big = Array.from({ length: 10 }, (_, i) => `(Path(\`/a${i}\`) || Path(\`/b${i}\`))`).join(' && ');
    expect(() => toDnf(parseTraefikRule(big))).toThrow(/more than 256 alternatives/);
  });
});
