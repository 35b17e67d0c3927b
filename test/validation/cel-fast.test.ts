/**
 * The JavaScript fast path of a node's rules (src/validation/cel/fast.ts): it may only say "every rule passes" when
 * CEL says so, rule by rule. Checked on every rule subject of the release examples and of random mutations of them,
 * and on hand-made subjects for each construct it translates or refuses.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { releaseExamples, schemaKeyOf, withMutations } from './helpers';
import { prng } from '../../bench/scenario';
import { GatewayApiValidator } from '../../src/validation';
import { findVersion } from '../../src/validation/bundle';
import {
  evaluateNodeRules, fastAllPassSource, nodeRules, OutcomeCache, RuleViolation, visitRuleSubjects,
} from '../../src/validation/cel';
import { compileAllRules, planAll } from '../../src/validation/cel/compile';
import { CelValues } from '../../src/validation/cel/values';
import { prepare } from '../../src/validation/prepare';
import { SchemaNode, schemaNode, schemaNodeOf } from '../../src/validation/schema-node';
import { ValidationChannel } from '../../src/validation/types';

/** The violations of every active rule of `node` on `value`, each evaluated with CEL (no cache, no shortcut). */
function celViolations(node: SchemaNode, value: unknown, isRoot = false): RuleViolation[] {
  const out: RuleViolation[] = [];
  evaluateNodeRules(nodeRules(node), value, () => new CelValues().of(value, node, isRoot), [], out, new OutcomeCache({ enabled: false }));
  return out;
}

const fast = (node: SchemaNode, value: unknown): boolean | undefined => nodeRules(node).fast?.(value);

const PICKS: unknown[] = ['', '/', 'a//b', '/a/./b', 'Exact', 'PathPrefix', 'RegularExpression', 'Service', 'svc', '*', 0, 1, 80, 65536, -1,
  2 ** 53, true, null, [], {}, ['x', 'x'], '10.0.0.1', 'UPPER', 'RequestRedirect', 'URLRewrite', 'HTTP', 'HTTPS', 'TLS', 'é', '😀'];

/** The schema root of a Gateway API document in `channel`, or undefined. */
function rootOf(doc: any, channel: ValidationChannel): SchemaNode | undefined {
  const key = schemaKeyOf(doc, channel);
  return key ? schemaNode(key) : undefined;
}

describe('the JavaScript fast path of the CRD rules', () => {
  test('never passes a subject that CEL fails: every rule subject of the release examples and of 3000 mutations of them', () => {
    const docs = withMutations(releaseExamples(), 3000, prng(19), PICKS);
    let passedByCel = 0;
    let passedFast = 0;
    let failedByCel = 0;
    const wrong: string[] = [];
    const validators = new Map<ValidationChannel, GatewayApiValidator>();
    for (const { doc, channel } of docs) {
      const root = rootOf(doc, channel);
      if (!root) continue;
      // CEL runs only on objects without blocking schema errors: those count for how much the fast path decides
      if (!validators.has(channel)) validators.set(channel, new GatewayApiValidator({ channel }));
      const reachesCel = !validators.get(channel)!.validate(doc).errors.some((e) => e.message.startsWith('some validation rules were not checked'));
      visitRuleSubjects(prepare({ ...doc }, root), root, (value, node, _segs, isRoot) => {
        const cel = celViolations(node, value, isRoot);
        const quick = fast(node, value);
        if (cel.length > 0) {failedByCel++;} else if (reachesCel && nodeRules(node).active.length > 0) {
          passedByCel++;
          if (quick === true) passedFast++;
        }
        if (quick === true && cel.length > 0) wrong.push(`${node.location} ${JSON.stringify(value).slice(0, 300)}: ${cel.map((v) => v.message).join('; ')}`);
      });
    }
    expect(wrong).toStrictEqual([]);
    // the corpus exercises both sides, and the fast path decides nearly every subject that passes
    expect(failedByCel).toBeGreaterThan(300);
    expect(passedFast).toBeGreaterThan(0.97 * passedByCel);
    expect(passedByCel).toBeGreaterThan(3000);
  });

  test('the rules of the path match, parent references, listeners and route rules translate', () => {
    const route = schemaNode(findVersion(ValidationChannel.STANDARD, 'gateway.networking.k8s.io', 'v1', 'HTTPRoute')!.schemaKey!);
    const gw = schemaNode(findVersion(ValidationChannel.STANDARD, 'gateway.networking.k8s.io', 'v1', 'Gateway')!.schemaKey!);
    const spec = route.properties!.get('spec')!;
    const match = spec.properties!.get('rules')!.items!.properties!.get('matches')!.items!.properties!.get('path')!;
    expect(fast(match, { type: 'PathPrefix', value: '/a' })).toBe(true);
    expect(fast(match, { type: 'PathPrefix', value: '/a//b' })).toBe(false);
    expect(fast(match, { type: 'PathPrefix' })).toBe(false);
    const parentRefs = spec.properties!.get('parentRefs')!;
    expect(fastAllPassSource(nodeRules(parentRefs).active.map((r) => r.exprs![0]), parentRefs)).toContain('"namespace"');
    expect(fast(parentRefs, [{ name: 'a', namespace: 'x' }, { name: 'a', namespace: 'y' }].map((p) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...p })))).toBe(true);
    expect(fast(parentRefs, [{ name: 'a' }, { name: 'a', namespace: '' }].map((p) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...p })))).toBe(false);
    const listeners = gw.properties!.get('spec')!.properties!.get('listeners')!;
    const l = (i: number) => ({ name: `l${i}`, port: 80, protocol: 'HTTP', hostname: `h${i}.example.com` });
    expect(fast(listeners, Array.from({ length: 64 }, (_, i) => l(i)))).toBe(true);
    expect(fast(listeners, [l(1), { ...l(1), name: 'other' }])).toBe(false);
  });
});

describe('translation of each construct', () => {
  const node = (rules: string[], properties: Record<string, any> = {}, extra: Record<string, any> = {}) => schemaNodeOf({
    'type': 'object',
    'properties': {
      s: { type: 'string' },
      n: { type: 'integer' },
      b: { type: 'boolean' },
      d: { type: 'number' },
      namespace: { type: 'string' },
      l: { type: 'array', items: { type: 'string' } },
      o: { type: 'array', items: { type: 'object', properties: { k: { type: 'string' }, v: { type: 'integer' } } } },
      m: { type: 'object', additionalProperties: { type: 'string' } },
      io: { 'x-kubernetes-int-or-string': true },
      ...properties,
    },
    'x-kubernetes-validations': rules.map((rule) => ({ rule })),
    ...extra,
  });

  const SUBJECTS: any[] = [
    {}, { s: '' }, { s: 'abc' }, { s: 'é😀' }, { s: 'a//b' }, { s: 1 }, { n: 0 }, { n: 3 }, { n: 2 ** 53 }, { n: -(2 ** 53) - 2 },
    { n: 2 ** 53 - 1 }, { b: true }, { b: false }, { d: 1 }, { d: 1.5 }, { namespace: 'ns' }, { namespace: '' },
    { l: [] }, { l: ['a'] }, { l: ['a', 'a'] }, { l: ['a', 'b', 'c'] }, { o: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }] },
    { o: [{ k: 'a', v: 1 }, { k: 'a', v: 2 }] }, { o: [{ k: 'a' }] }, { m: { x: 'y' } }, { m: {} }, { io: 5 }, { io: '5' },
    { s: 'abc', n: 3, b: true, l: ['a', 'b'] }, { s: null }, { l: null },
  ];

  /** Every subject: the fast path passes only what CEL passes; returns the subjects it passed. */
  function check(rules: string[]): any[] {
    const n = node(rules);
    const passed: any[] = [];
    for (const subject of SUBJECTS) {
      const quick = fast(n, subject);
      if (quick === true) {
        expect({ subject, violations: celViolations(n, subject) }).toStrictEqual({ subject, violations: [] });
        passed.push(subject);
      }
    }
    return passed;
  }

  test.each([
    [['self.s.startsWith("a") && self.s.endsWith("c") && self.s.contains("b")'], [{ s: 'abc' }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [["self.s.matches('^[a-c]+$')"], [{ s: 'abc' }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [['size(self.s) == 2'], [{ s: 'é😀' }]],
    [['self.s.size() > 2'], [{ s: 'abc' }, { s: 'a//b' }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [['self.n + 1 <= 3 && self.n >= 0'], [{ n: 0 }]],
    [['self.n < 4'], [{ n: 0 }, { n: 3 }, { n: -(2 ** 53) - 2 }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }].filter((x) => Number.isSafeInteger(x.n))],
    [['self.n + 1 > 0'], [{ n: 0 }, { n: 3 }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [['!self.b'], [{ b: false }]],
    [['self.b ? self.s == "abc" : true'], [{ b: false }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [['has(self.s) || has(self.__namespace__)'], [{ s: '' }, { s: 'abc' }, { s: 'é😀' }, { s: 'a//b' }, { s: 1 }, { namespace: 'ns' }, { namespace: '' },
      { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [["self.__namespace__ != ''"], [{ namespace: 'ns' }]],
    [["self.s in ['abc', 'a//b']"], [{ s: 'abc' }, { s: 'a//b' }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [['self.l.all(x, self.l.exists_one(y, x == y))'], [{ l: [] }, { l: ['a'] }, { l: ['a', 'b', 'c'] }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [["self.l.exists(x, x == 'c')"], [{ l: ['a', 'b', 'c'] }]],
    [["self.l.filter(x, x != 'a').size() == 0"], [{ l: [] }, { l: ['a'] }, { l: ['a', 'a'] }]],
    [["self.l[0] == 'a'"], [{ l: ['a'] }, { l: ['a', 'a'] }, { l: ['a', 'b', 'c'] }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [['self.o.all(x, self.o.exists_one(y, x.k == y.k))'], [{ o: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }] }, { o: [{ k: 'a' }] }]],
    [["self.m.x == 'y' && has(self.m.x) && self.m['x'] == 'y'"], [{ m: { x: 'y' } }]],
    [['self.io == 5'], [{ io: 5 }]],
  ])('%j passes exactly the subjects CEL passes among those it decides', (rules, expected) => {
    expect(check(rules)).toStrictEqual(expected);
  });

  test.each([
    // a double (a number under a `number` schema), an integer outside the safe range, null, a function not translated
    [['self.d == 1'], []],
    [['self.n != 5'], [{ n: 0 }, { n: 3 }, { n: 2 ** 53 - 1 }, { s: 'abc', n: 3, b: true, l: ['a', 'b'] }]],
    [['self.s != null'], []],
    [["duration('1s') > duration('0s')"], []],
    [['self.s.lowerAscii() == self.s'], []],
    [['isIP(self.s)'], []],
    // map keys are iterated by CEL over what values.ts shows: refused
    [["self.m.all(k, k == 'x')"], []],
    [['size(self.m) == 1'], []],
  ])('%j is refused where the translation could differ', (rules, expected) => {
    expect(check(rules)).toStrictEqual(expected);
  });

  test('a root object\'s metadata is not translated (CEL sees only its name and generateName)', () => {
    const n = schemaNodeOf({
      'type': 'object',
      'properties': { metadata: { type: 'object' }, spec: { type: 'object', properties: { a: { type: 'string' } } } },
      'x-kubernetes-validations': [{ rule: "self.metadata.name == 'x'" }],
    });
    expect(fast(n, { metadata: { name: 'x' } })).toBe(false);
    expect(celViolations(n, { metadata: { name: 'x' } }, true)).toStrictEqual([]);
  });
});

describe('the CEL runtime is loaded only when a rule is evaluated with CEL', () => {
  test('every rule of the bundled CRDs plans (the programs of the build-time table are planned on first use)', () => {
    compileAllRules();
    expect(() => planAll()).not.toThrow();
  });

  test('a fresh process that validates routes passing every rule does not load @bufbuild/cel; one that fails a rule does', () => {
    const script = `
      const { GatewayApiValidator } = require('./src/validation/validator');
      const loaded = () => Object.keys(require.cache).some((f) => f.includes('@bufbuild' + require('path').sep + 'cel'));
      const v = new GatewayApiValidator();
      const route = (value) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'ns' },
        spec: { parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { type: 'PathPrefix', value } }], backendRefs: [{ name: 'svc', port: 80 }] }] } });
      const ok = v.validate(route('/a')).valid;
      const before = loaded();
      const bad = v.validate(route('/a//b')).errors.map((e) => e.message);
      process.stdout.write(JSON.stringify({ ok, before, after: loaded(), bad }));`;
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: path.join(__dirname, '..', '..'), encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: 'bench/tsconfig.json' },
    });
    expect(JSON.parse(out)).toStrictEqual({ ok: true, before: false, after: true, bad: ["must not contain '//' when type one of ['Exact', 'PathPrefix']"] });
  });
});
