import { CelValue, isCelError, parse, plan } from '@bufbuild/cel';
import { CEL_ENV } from '../../src/validation/cel';
import { isIP } from '../../src/validation/k8s-formats';
import { compilePattern, isPortablePattern } from '../../src/validation/patterns';

function cel(expr: string, self: CelValue = null): unknown {
  const result = plan(CEL_ENV, parse(expr))({ self } as any);
  return isCelError(result) ? `error: ${result.message}` : result;
}

describe('isIP (Kubernetes CEL ip library)', () => {
  test.each([
    ['10.0.0.1', true], ['255.255.255.255', true], ['::1', true], ['2001:db8::', true], ['1:2:3:4:5:6:7:8', true],
    ['::1.2.3.4', true], ['64:ff9b::1.2.3.4', true],
    ['010.0.0.1', false], ['256.0.0.1', false], ['1.2.3', false], ['1.a.3.4', false], ['foo.com', false],
    ['::ffff:1.2.3.4', false], ['fe80::1%eth0', false], ['1::2::3', false], [':::1', false], ['1:2:3:4:5:6:7:8:9', false],
    ['2001:db8:3c4d:15:0:d234:3eee:', false], ['12345::', false], ['', false],
  ])('isIP(%j) is %s', (value, expected) => {
    expect(isIP(value)).toBe(expected);
    expect(cel(`isIP(${JSON.stringify(value)})`)).toBe(expected);
  });
});

describe('format library', () => {
  test('validate returns the errors, none for a valid value', () => {
    expect([...cel("format.dns1123Label().validate('web')") as Iterable<unknown>]).toStrictEqual([]);
    expect([...cel("format.dns1123Label().validate('Web_1')") as Iterable<unknown>]).toStrictEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect([...cel("format.dns1123Label().validate('a.b')") as Iterable<unknown>]).toStrictEqual(['must not contain dots']);
    expect([...cel("format.qualifiedName().validate('example.com/Name')") as Iterable<unknown>]).toStrictEqual([]);
    expect(cel("format.dns1123Subdomain().validate('a.b').size()")).toBe(0n);
    expect(cel("format.labelValue().validate('bad value').size() > 0")).toBe(true);
    expect(cel("format.dns1035Label().validate('1abc').size() > 0")).toBe(true);
  });

  test('comparing the result with null is false, as for a cel-go optional', () => {
    expect(cel("format.dns1123Label().validate('web') == null")).toBe(false);
    expect(cel("format.dns1123Label().validate('Web') == null")).toBe(false);
  });

  test('strings extension functions used by the CRDs', () => {
    expect(cel("'a/b/c'.split('/')[0].size()")).toBe(1n);
    expect(cel("'*.example.com'.substring(2)")).toBe('example.com');
    expect(cel("'abc'.matches('^a')")).toBe(true);
    expect(cel("'ABC'.lowerAscii()")).toBe('abc');
    expect(cel("duration('1h') > duration('59m')")).toBe(true);
  });

  test('matches() has RE2 semantics, including inline flags', () => {
    expect(cel("'FooService'.matches(r\"\"\"^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$\"\"\")")).toBe(true);
    expect(cel("'a\\rb'.matches('^a.b$')")).toBe(true);
  });
});

describe('patterns', () => {
  test.each([
    ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', true],
    ["^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$", true],
    ['^([0-9]{1,5}(h|m|s|ms)){1,4}$', true],
    ['^(?i)abc$', false],
    ['^a.b$', false],
    ['^\\s+$', false],
    ['^[[:alpha:]]+$', false],
    ['a{,3}', false],
  ])('%s portable to JavaScript: %s', (pattern, portable) => {
    expect(isPortablePattern(pattern)).toBe(portable);
  });

  test('non-portable patterns run on RE2 with Go semantics', () => {
    // RE2's . matches \r (JavaScript's does not)
    expect(compilePattern('^a.b$').test('a\rb')).toBe(true);
    expect(compilePattern('^(?i)abc$').test('ABC')).toBe(true);
    expect(compilePattern('^[a-z]+$').test('abc')).toBe(true);
  });
});
