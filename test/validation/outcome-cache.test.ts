import * as path from 'path';
import { parse } from '@bufbuild/cel';
import { documents, experimental, mutateSpec, standard } from './helpers';
import { GatewayApiValidator, ValidationResult } from '../../src/validation';
import { findVersion } from '../../src/validation/bundle';
import { evaluateRules, nodeRules, OutcomeCache, passesUniqueKey, uniqueKeyOf } from '../../src/validation/cel';
import { keyPlan, projectionKey, usageOf } from '../../src/validation/projection';
import { schemaNode, schemaNodeOf } from '../../src/validation/schema-node';
import { listFiles, sharedPath } from '../support/shared';

/** A small deterministic pseudo-random generator (the test must be reproducible). */
function rng(seed: number): () => number {
  // Park-Miller minimal standard generator
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

const REPLACEMENTS: unknown[] = ['', '/', 'a//b', 'Exact', 'PathPrefix', 'RegularExpression', 'Service', 'svc', '*', 0, 1, 65536, -1, true, null, [], {}, ['x', 'x'], '10.0.0.1', 'UPPER', 'RequestRedirect', 'URLRewrite'];

function corpus(): Array<{ doc: any; validator: GatewayApiValidator }> {
  const out: Array<{ doc: any; validator: GatewayApiValidator }> = [];
  for (const dir of ['examples', 'invalid-examples']) {
    const base = sharedPath(dir);
    for (const file of listFiles(base)) {
      const validator = path.relative(base, file).startsWith('experimental/') ? experimental : standard;
      for (const doc of documents(file)) if (GatewayApiValidator.isGatewayApiObject(doc)) out.push({ doc, validator });
    }
  }
  return out;
}

/** A validator of `channel` with its own cache of rule outcomes (a disabled one evaluates every rule with CEL). */
function validatorWith(cache: OutcomeCache, channel = standard.channel): GatewayApiValidator {
  const validator = new GatewayApiValidator({ channel });
  validator._outcomes = cache;
  return validator;
}

/** No cache and no conjunction shortcut: every rule evaluated with CEL on every subject, one by one. */
const oneByOne = () => new OutcomeCache({ enabled: false });

describe('rule outcome cache', () => {

  test('gives the same results as evaluating every rule with CEL one by one (no cache, no conjunction shortcut), on the release examples and 3000 random mutations of them', () => {
    const random = rng(42);
    const base = corpus();
    const docs = [...base];
    for (let i = 0; i < 3000; i++) {
      const { doc, validator } = base[Math.floor(random() * base.length)];
      docs.push({ doc: mutateSpec(doc, random, REPLACEMENTS, 0.75), validator });
    }
    const run = (cache: OutcomeCache): ValidationResult[] => {
      const byChannel = new Map<string, GatewayApiValidator>();
      return docs.map(({ doc, validator }) => {
        if (!byChannel.has(validator.channel)) byChannel.set(validator.channel, validatorWith(cache, validator.channel));
        return byChannel.get(validator.channel)!.validate(doc);
      });
    };
    const uncached = run(oneByOne());
    const cache = new OutcomeCache();
    const cold = run(cache);
    const warm = run(cache);
    expect(cache.stats.cached).toBeGreaterThan(0);
    expect(cold).toStrictEqual(uncached);
    expect(warm).toStrictEqual(uncached);
    // the corpus exercises the rules: many mutated documents fail
    expect(uncached.filter((r) => !r.valid).length).toBeGreaterThan(1000);
  });
});

describe('conjunction shortcut', () => {
  const route = (value: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'r', namespace: 'ns' },
    spec: { rules: [{ matches: [{ path: { type: 'PathPrefix', value } }], backendRefs: [{ name: 'svc', port: 80 }] }] },
  });

  test('a subject that passes every rule of a node costs one evaluation; one that fails gets exactly the failing rules\' messages', () => {
    const cache = new OutcomeCache();
    const validator = validatorWith(cache);
    expect(validator.validate(route('/fresh/path/1')).errors).toStrictEqual([]);
    // the path match node's eleven rules (ten share the guard "type in ['Exact','PathPrefix']") are one conjunction
    expect(cache.stats.conjunctions).toBeGreaterThanOrEqual(1);
    const evaluated = cache.stats.evaluations;
    const bad = validator.validate(route('/fresh//path'));
    expect(cache.stats.evaluations).toBeGreaterThan(evaluated);
    expect(bad.errors.map((e) => e.message)).toStrictEqual(['must not contain \'//\' when type one of [\'Exact\', \'PathPrefix\']']);
  });
});

describe('self.f variables of the conjunction', () => {
  const node = schemaNodeOf({
    'type': 'object',
    'properties': { a: { type: 'string' }, b: { type: 'string' }, n: { type: 'integer' } },
    'x-kubernetes-validations': [{ rule: "self.a == ''", message: 'a' }, { rule: 'self.n == 1 || self.b == "x"', message: 'n or b' }],
  });

  test('the conjunction reads the fields it selects as variables, present ones only: outcomes are those of CEL one by one', () => {
    expect(nodeRules(node).selfFields).toStrictEqual(['a', 'n', 'b']);
    const subjects = [{ a: '', n: 1 }, { a: '', b: 'x' }, {}, { n: 1 }, { a: '' }, { a: 'z', n: 1 }, { a: '', n: 2, b: 'y' }];
    const uncached = subjects.map((x) => evaluateRules(x, node, oneByOne()));
    const cache = new OutcomeCache();
    expect(subjects.map((x) => evaluateRules(x, node, cache))).toStrictEqual(uncached);
    // absent fields are errors in CEL ("no such key"), never values
    expect(uncached[2].map((v) => v.message)).toStrictEqual(['no such key: a evaluating rule: a', 'no such key: n evaluating rule: n or b']);
    expect(uncached[0]).toStrictEqual([]);
  });
});

describe('projection keys', () => {
  const node = schemaNodeOf({
    type: 'object',
    properties: {
      type: { type: 'string' },
      value: { type: 'string' },
      namespace: { type: 'string' },
      list: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, other: { type: 'string' } } } },
    },
  });
  const key = (rule: string, value: unknown) => {
    const out: unknown[] = [];
    projectionKey(value, keyPlan(usageOf([parse(rule).expr]), node), out);
    return out;
  };

  test('only what the rule reads is in the key', () => {
    const rule = "self.type == 'A' ? self.value.startsWith('/') : true";
    expect(key(rule, { type: 'A', value: '/x', namespace: 'n1' })).toStrictEqual(key(rule, { type: 'A', value: '/x', namespace: 'n2' }));
    expect(key(rule, { type: 'A', value: '/x' })).not.toStrictEqual(key(rule, { type: 'A', value: '/y' }));
  });

  test('presence tests observe presence only, escaped names map to JSON names', () => {
    const rule = 'has(self.__namespace__)';
    expect(key(rule, { namespace: 'a' })).toStrictEqual(key(rule, { namespace: 'b' }));
    expect(key(rule, { namespace: 'a' })).not.toStrictEqual(key(rule, {}));
  });

  test('filter() observes what its predicate reads of each element', () => {
    const rule = "self.list.filter(f, f.type == 'X').size() <= 1";
    expect(key(rule, { list: [{ type: 'X', other: '1' }] })).toStrictEqual(key(rule, { list: [{ type: 'X', other: '2' }] }));
    expect(key(rule, { list: [{ type: 'X' }] })).not.toStrictEqual(key(rule, { list: [{ type: 'X' }, { type: 'X' }] }));
  });

  test('a value used as a whole is in the key as a whole', () => {
    const rule = 'self.list == []';
    expect(key(rule, { list: [{ type: 'X', other: '1' }] })).not.toStrictEqual(key(rule, { list: [{ type: 'X', other: '2' }] }));
  });
});

describe('uniqueness rules', () => {
  const gateway = (listeners: unknown[]) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'ns' },
    spec: { gatewayClassName: 'c', listeners },
  });
  const listenersNode = (): any => {
    const key = findVersion('standard', 'gateway.networking.k8s.io', 'v1', 'Gateway')!.schemaKey!;
    return schemaNode(key).properties!.get('spec')!.properties!.get('listeners')!;
  };

  test('the Gateway listener rules are recognized as uniqueness rules, with their key fields', () => {
    expect(nodeRules(listenersNode()).unique).toStrictEqual([
      { fields: [{ name: 'name', optional: false }] },
      { fields: [{ name: 'port', optional: false }, { name: 'protocol', optional: false }, { name: 'hostname', optional: true }] },
    ]);
  });

  test('only that exact form is recognized', () => {
    const node = listenersNode();
    expect(uniqueKeyOf('self.all(a, self.exists_one(b, b.name == a.name))', node)).toStrictEqual({ fields: [{ name: 'name', optional: false }] });
    for (const rule of [
      'self.all(a, self.exists(b, a.name == b.name))', // exists, not exists_one
      'self.all(a, self.exists_one(b, a.name == a.name))', // not a comparison of two items
      'self.all(a, self.exists_one(b, a.name != b.name))',
      'self.all(a, self.exists_one(b, a.name == b.port))', // different fields
      'self.all(a, self.exists_one(b, a.name == b.name || a.port == b.port))',
      'self.all(a, self.exists_one(b, a.nope == b.nope))', // not a declared field
      'self.all(a, self.exists_one(a, a.name == a.name))',
      'self.all(a, self.exists_one(b, has(a.hostname) && has(b.hostname) ? a.hostname == b.hostname : true))',
      'self.all(a, self.exists_one(b, has(a.hostname) && has(b.hostname) ? a.name == b.name : !has(a.hostname) && !has(b.hostname)))',
      'self.exists_one(b, b.name == "x")',
    ]) {
      expect({ rule, key: uniqueKeyOf(rule, node) }).toStrictEqual({ rule, key: undefined });
    }
  });

  test('the hash check passes only lists it can decide, without a key twice', () => {
    const key = { fields: [{ name: 'port', optional: false }, { name: 'hostname', optional: true }] };
    expect(passesUniqueKey([{ port: 80 }, { port: 80, hostname: 'a' }, { port: 443 }], key)).toBe(true);
    expect(passesUniqueKey([{ port: 80, hostname: 'a' }, { port: 80, hostname: 'a' }], key)).toBe(false); // a key twice
    expect(passesUniqueKey([{ port: 80 }, { port: 80 }], key)).toBe(false);
    expect(passesUniqueKey([{ hostname: 'a' }], key)).toBe(false); // CEL errors on the missing port: not decided here
    expect(passesUniqueKey([{ port: 80, hostname: null }], key)).toBe(false);
    expect(passesUniqueKey([{ port: 80 }, { port: '81' }], key)).toBe(false); // one field, two types
    expect(passesUniqueKey([null], key)).toBe(false);
    expect(passesUniqueKey({}, key)).toBe(false);
  });

  test('validation results are the same as CEL one by one on random listener lists (duplicates, missing fields, other types)', () => {
    const random = rng(7);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const docs: any[] = [];
    for (let i = 0; i < 400; i++) {
      const listeners = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        const l: any = { name: pick(['a', 'b', 'c']), port: pick([80, 443, 8080]), protocol: pick(['HTTP', 'HTTPS', 'TCP']) };
        if (random() < 0.5) l.hostname = pick(['x.example.com', 'y.example.com', '']);
        if (l.protocol === 'HTTPS') l.tls = { certificateRefs: [{ name: 'cert' }] };
        if (random() < 0.05) delete l.name;
        if (random() < 0.05) l.port = String(l.port);
        if (random() < 0.03) l.hostname = null;
        return l;
      });
      docs.push(gateway(listeners));
    }
    const uncached = docs.map((d) => validatorWith(oneByOne()).validate(d));
    const cached = validatorWith(new OutcomeCache());
    const fast = docs.map((d) => cached.validate(d));
    expect(fast).toStrictEqual(uncached);
    // both outcomes are exercised: lists with a name or a port/protocol/hostname twice, and lists without
    const messages = uncached.flatMap((r) => r.errors.map((e) => e.message));
    expect(messages).toContain('Listener name must be unique within the Gateway');
    expect(messages).toContain('Combination of port, protocol and hostname must be unique for each listener');
    expect(uncached.filter((r) => r.valid).length).toBeGreaterThan(40);
  });

  test('a 64-listener Gateway that passes costs no pairwise CEL evaluation; one with a port, protocol and hostname twice gets the upstream message', () => {
    const listeners = Array.from({ length: 64 }, (_, i) => ({ name: `l${i}`, port: 80, protocol: 'HTTP', hostname: `h${i}.example.com` }));
    const cache = new OutcomeCache();
    const validator = validatorWith(cache);
    expect(validator.validate(gateway(listeners)).errors).toStrictEqual([]);
    expect(cache.stats.evaluations).toBe(0);
    const twice = validator.validate(gateway([...listeners.slice(0, 63), { ...listeners[3], name: 'again' }]));
    expect(twice.errors).toStrictEqual([{ path: 'spec.listeners', message: 'Combination of port, protocol and hostname must be unique for each listener' }]);
  });
});
