import * as fs from 'fs';
import * as path from 'path';
import { prng } from '../../bench/scenario'; // the benchmark's deterministic PRNG: the corpus is the same on every run
import { needsPreciseParser, parseYaml, parseYamlFast, parseYamlPrecise } from '../../src/validation/yaml';
import { sharedPath } from '../support/shared';

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return e.name.endsWith('.yaml') ? [full] : [];
  });
}

const SCALARS = [
  '1', '-0', '+12', '007', '0o17', '0x1F', '0b11', '1_000', '12345678901234567890', '1.5', '1.', '.5', '-.5', '+.5e3', '1e3',
  '1E-2', '.inf', '-.Inf', '.NaN', 'true', 'True', 'TRUE', 'yes', 'no', 'on', 'off', 'y', 'n', 'false', '', '2001-12-14',
  '2001-12-14T21:59:43.10-05:00', '"quoted: yes"', "'single ''q'''", '"esc\\t\\u00e9\\x41\\"', 'ünïcödé ✓', 'a#b', 'a # comment',
  'http://example.com:8080/x?y=1', '"*.example.com"', '10s', '/path/with spaces', '{a: 1, b: [x, y]}', '[1, "2", three]', '[]', '{}',
  '|\n    line one\n      indented\n    line three\n', '>-\n    folded\n    text\n\n    para\n', '|+\n    keep\n\n', '"multi\n    line"',
];

/** A well-formed multi-document file built from `rnd`: mappings, lists, every kind of scalar, comments, separators. */
function wellFormed(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const docs: string[] = [];
  const count = 1 + Math.floor(rnd() * 4);
  for (let d = 0; d < count; d++) {
    const lines = ['apiVersion: gateway.networking.k8s.io/v1', `kind: ${pick(['HTTPRoute', 'Gateway', 'GRPCRoute'])}`, 'metadata:', `  name: obj-${d}`];
    if (rnd() < 0.5) lines.push('  labels:', `    app: ${pick(SCALARS.slice(0, 30))}`);
    lines.push('spec:');
    for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) {
      const value = pick(SCALARS);
      if (rnd() < 0.3) lines.push(`  list${k}:`, `  - ${value.replace(/\n {4}/g, '\n      ')}`, `  - key: ${pick(SCALARS.slice(0, 30))}`, `    other: ${pick(SCALARS.slice(0, 30))}`);
      else lines.push(`  f${k}: ${value}`);
      if (rnd() < 0.15) lines.push('  # a comment');
    }
    docs.push(lines.join(rnd() < 0.1 ? '\r\n' : '\n') + '\n');
  }
  let text = docs.join('---\n');
  if (rnd() < 0.3) text = `---\n${text}`;
  if (rnd() < 0.3) text += '---\n';
  if (rnd() < 0.1) text += '# trailing comment\n';
  return text;
}

const NOISE = [':', ' ', '-', '[', ']', '{', '}', '"', "'", '\t', '#', '|', '>', '&a ', '*a', '!', '?', ',', '\n', '  ', '---\n', '%'];

/** `text` with a few random edits: characters inserted or deleted, a line duplicated or re-indented. */
function mutate(text: string, rnd: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * t.length);
    const roll = rnd();
    if (roll < 0.4) {
      t = t.slice(0, at) + NOISE[Math.floor(rnd() * NOISE.length)] + t.slice(at);
    } else if (roll < 0.7) {
      t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 3));
    } else {
      const lines = t.split('\n');
      const i = Math.floor(rnd() * lines.length);
      if (roll < 0.85) lines.splice(i, 0, lines[i]);
      else lines[i] = ' ' + lines[i];
      t = lines.join('\n');
    }
  }
  return t;
}

describe('the fast YAML path and the precise one', () => {
  const rnd = prng(1906);
  const upstream = yamlFiles(sharedPath('examples')).map((f) => fs.readFileSync(f, 'utf-8'));
  const generated = Array.from({ length: 300 }, () => wellFormed(rnd));
  const wellFormedCorpus = [...upstream, ...generated];
  const malformedCorpus = wellFormedCorpus.flatMap((t) => [mutate(t, rnd), mutate(t, rnd)]);

  test('give the same documents for every well-formed file, most of them on the fast path', () => {
    let fast = 0;
    for (const text of wellFormedCorpus) {
      const precise = parseYamlPrecise(text);
      expect({ text, docs: parseYaml(text) }).toStrictEqual({ text, docs: precise });
      if (parseYamlFast(text) !== undefined) fast++;
    }
    expect(upstream.length).toBeGreaterThan(50);
    // every upstream example takes the fast path (a file with anchors or tags would not)
    expect(upstream.filter((t) => parseYamlFast(t) === undefined)).toStrictEqual([]);
    expect(fast).toBeGreaterThan(wellFormedCorpus.length * 0.5);
  });

  test('give the same documents and the same errors, with the same line and column, for malformed files', () => {
    let errors = 0;
    let fastErrorFree = 0;
    for (const text of malformedCorpus) {
      const precise = parseYamlPrecise(text);
      const docs = parseYaml(text);
      expect({ text, docs }).toStrictEqual({ text, docs: precise });
      const withError = precise.filter((d) => d.error !== undefined);
      if (withError.length > 0) {
        errors++;
        // every YAML syntax error names its position in the file
        for (const d of withError) if (!/alias/i.test(d.error!)) expect(d.error).toMatch(/at line \d+, column \d+/);
      } else if (parseYamlFast(text) !== undefined) {
        fastErrorFree++;
      }
    }
    // the mutations make both kinds: files that stay well-formed (read fast) and files with errors
    expect(errors).toBeGreaterThan(malformedCorpus.length * 0.2);
    expect(fastErrorFree).toBeGreaterThan(10);
  });

  test('a malformed document is reported at its line and column in the file, whatever the path', () => {
    const text = 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nmetadata: {name: x\nspec: {}\n---\nkind: C\n';
    expect(parseYamlFast(text)).toBeUndefined();
    expect(parseYaml(text)).toStrictEqual([
      { index: 0, value: { apiVersion: 'v1', kind: 'A' } },
      { index: 1, error: expect.stringMatching(/^malformed YAML: .* at line 7, column 1$/) },
      { index: 2, value: { kind: 'C' } },
    ]);
  });

  test('scalars resolve as in the YAML 1.2 core schema on both paths (no YAML 1.1 booleans, octals or timestamps)', () => {
    const text = 'a: yes\nb: 0o17\nc: 017\nd: 0x1f\ne: 2001-12-14\nf: -.5\ng: 0b11\nh: 1_000\ni: .inf\nj: ~\nk: True\n<<: merge\n';
    const expected = { 'a': 'yes', 'b': 15, 'c': 17, 'd': 31, 'e': '2001-12-14', 'f': -0.5, 'g': '0b11', 'h': '1_000', 'i': Infinity, 'j': null, 'k': true, '<<': 'merge' };
    expect(parseYamlFast(text)).toStrictEqual([{ index: 0, value: expected }]);
    expect(parseYamlPrecise(text)).toStrictEqual([{ index: 0, value: expected }]);
  });

  test('fails if an alias bomb gets past the precise path: anchors always take it, with its alias limit', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = bomb.join('\n') + '\n';
    expect(needsPreciseParser(text)).toBe(true);
    expect(parseYamlFast(text)).toBeUndefined();
    const [doc] = parseYaml(text);
    expect(doc.value).toBeUndefined();
    expect(doc.error).toMatch(/^malformed YAML: Excessive alias count/);
  });

  test('explicit null documents and comment-only files take the precise path (empty and null differ there)', () => {
    expect(parseYaml('a: 1\n---\nnull\n')).toStrictEqual([{ index: 0, value: { a: 1 } }, { index: 1, value: null }]);
    expect(parseYaml('a: 1\n---\n')).toStrictEqual([{ index: 0, value: { a: 1 } }, { index: 1, empty: true }]);
    expect(parseYaml('# only a comment\n')).toStrictEqual([]);
    expect(parseYamlFast('# only a comment\n')).toBeUndefined();
  });

  test.each([
    ['a directive', '%YAML 1.1\n---\na: yes\n'],
    ['an anchor', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a complex key', '? [a]\n: b\n'],
    ['a flow key', '{[a]: b}\n'],
    ['an empty key', ': b\n'],
    ['a null key', '~: b\nnull: c\n'],
  ])('%s takes the precise path', (_, text) => {
    expect(needsPreciseParser(text)).toBe(true);
    expect(parseYaml(text)).toStrictEqual(parseYamlPrecise(text));
  });

  test('a typical manifest does not need the precise path', () => {
    expect(needsPreciseParser('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: "x"\nspec:\n' +
      '  hostnames: ["*.example.com"]\n  rules:\n  - matches:\n    - path: {type: PathPrefix, value: /a?b=c&d}\n      headers: [{name: x, value: "!"}]\n')).toBe(false);
  });
});
