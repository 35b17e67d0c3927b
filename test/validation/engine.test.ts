import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { allKinds, findVersion, K8sSchema, schemaByKey } from '../../src/validation/bundle';
import { compileRule, evaluateRules, nodeRules, parseFieldPath } from '../../src/validation/cel';
import { formatPath } from '../../src/validation/paths';
import { prepare } from '../../src/validation/prepare';
import { escapeCelProperty, schemaNode, schemaNodeOf, SchemaNode, walkNodes } from '../../src/validation/schema-node';
import { validateStructure } from '../../src/validation/structural';
import { listFiles, sharedPath } from '../support/shared';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'src', 'validation', 'bundle', 'gateway-api-crds.json');

interface CrdVersion {
  readonly file: string;
  readonly channel: string;
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly served: boolean;
  readonly schema: K8sSchema;
}

/** Every version of every CRD of both channels, read from the release files. */
function crdVersions(): CrdVersion[] {
  const out: CrdVersion[] = [];
  for (const channel of ['standard', 'experimental']) {
    for (const file of listFiles(sharedPath('crds', channel))) {
      if (file.includes('_vap_') || !path.basename(file).startsWith('gateway.networking.')) continue;
      const crd = YAML.parse(fs.readFileSync(file, 'utf-8'));
      for (const v of crd.spec.versions) {
        out.push({
          file: path.basename(file),
          channel,
          group: crd.spec.group,
          kind: crd.spec.names.kind,
          version: v.name,
          served: v.served,
          schema: v.schema.openAPIV3Schema,
        });
      }
    }
  }
  return out;
}

function withoutDescriptions(value: any): any {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const k of Object.keys(value).sort()) {
    if (k === 'description' && typeof value[k] === 'string') continue;
    out[k] = withoutDescriptions(value[k]);
  }
  return out;
}

describe('schema bundle', () => {
  const versions = crdVersions();

  test('has every served group/version/kind of both channels, with the CRD schema', () => {
    const served = versions.filter((v) => v.served);
    expect(served.length).toBe(36);
    for (const v of served) {
      const found = findVersion(v.channel, v.group, v.version, v.kind);
      expect(found?.version.served).toBe(true);
      expect(schemaByKey(found!.schemaKey!)).toStrictEqual(withoutDescriptions(v.schema));
    }
  });

  test('keeps versions that are not served, without a schema', () => {
    const notServed = versions.filter((v) => !v.served);
    expect(notServed.map((v) => `${v.channel} ${v.kind} ${v.version}`).sort()).toStrictEqual([
      'standard BackendTLSPolicy v1alpha3', 'standard TCPRoute v1alpha2', 'standard TLSRoute v1alpha2',
      'standard TLSRoute v1alpha3', 'standard UDPRoute v1alpha2',
    ]);
    for (const v of notServed) {
      const found = findVersion(v.channel, v.group, v.version, v.kind);
      expect(found?.version.served).toBe(false);
      expect(found?.schemaKey).toBeUndefined();
    }
  });

  test('the x-k8s.io kinds are only in the experimental channel', () => {
    expect(allKinds('standard').filter((k) => k.group === 'gateway.networking.x-k8s.io')).toStrictEqual([]);
    expect(allKinds('experimental').filter((k) => k.group === 'gateway.networking.x-k8s.io').map((k) => k.kind).sort())
      .toStrictEqual(['XBackend', 'XBackendTrafficPolicy', 'XMesh']);
  });

  test('regenerating it from the CRDs reproduces the committed file (twice, no diff)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
    try {
      const outputs = [1, 2].map((n) => {
        const out = path.join(tmp, `bundle-${n}.json`);
        execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-schemas.js')], {
          env: { ...process.env, GATEWAY_API_CRDS_DIR: sharedPath('crds'), GATEWAY_API_BUNDLE_OUT: out },
          stdio: 'pipe',
        });
        return fs.readFileSync(out, 'utf-8');
      });
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[0]).toBe(fs.readFileSync(BUNDLE, 'utf-8'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('fails if the CRD folder does not exist, with a message that says how to point to it', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-schemas.js')], {
        env: { ...process.env, GATEWAY_API_CRDS_DIR: '/nonexistent', GATEWAY_API_BUNDLE_OUT: path.join(os.tmpdir(), 'never.json') },
        stdio: 'pipe',
      });
    } catch (e: any) {
      stderr = String(e.stderr);
    }
    expect(stderr).toContain('GATEWAY_API_CRDS_DIR');
  });
});

describe('x-kubernetes-validations rules', () => {
  const versions = crdVersions();
  const compiled = versions.flatMap((v) => {
    const root = schemaNodeOf(v.schema);
    return [...walkNodes(root)].flatMap((node) => node.rules.map((rule) => ({ v, node, result: compileRule(rule, node) })));
  });

  test('counts every rule of every CRD version of both channels', () => {
    // 645 rules: every occurrence, in all versions (served or not) of the 26 CRD files
    expect(compiled.length).toBe(645);
    expect(new Set(compiled.map((c) => c.result.rule.rule)).size).toBe(96);
  });

  test('every rule compiles: it parses, and every function and field it references exists', () => {
    const failures = compiled.filter((c) => c.result.compileError !== undefined)
      .map((c) => `${c.v.file} ${c.v.version} ${c.node.location}: ${c.result.compileError} in ${c.result.rule.rule}`);
    expect(failures).toStrictEqual([]);
  });

  test('only the immutability rules use oldSelf (transition rules, not evaluated on create)', () => {
    const transition = compiled.filter((c) => c.result.transition);
    expect(transition.length).toBe(5);
    expect(new Set(transition.map((c) => c.result.rule.rule))).toStrictEqual(new Set(['self == oldSelf']));
    expect(transition.every((c) => c.result.program === undefined)).toBe(true);
  });

  test('every rule of the served schemas is ready to evaluate', () => {
    let count = 0;
    for (const channel of ['standard', 'experimental']) {
      for (const kind of allKinds(channel)) {
        for (const version of kind.versions.filter((x) => x.schema)) {
          for (const node of walkNodes(schemaNode(version.schema!))) {
            const rules = nodeRules(node);
            expect(rules.active.length + rules.all.filter((r) => r.transition).length).toBe(node.rules.length);
            count += rules.active.length;
          }
        }
      }
    }
    expect(count).toBeGreaterThan(500);
  });

  test('fails to compile a rule that references an undeclared field', () => {
    const node = schemaNodeOf({ type: 'object', properties: { name: { type: 'string' } } });
    expect(compileRule({ rule: 'self.nmae == "x"' }, node).compileError).toContain("undefined field 'nmae'");
    expect(compileRule({ rule: 'self.name.startsWith("x")' }, node).compileError).toBeUndefined();
  });

  test('fails to compile a rule that calls an unknown function', () => {
    const node = schemaNodeOf({ type: 'string' });
    expect(compileRule({ rule: 'isCIDR(self)' }, node).compileError).toContain("undeclared reference to 'isCIDR'");
    expect(compileRule({ rule: 'self +' }, node).compileError).toBeDefined();
  });
});

describe('property names in rules', () => {
  test.each([
    ['namespace', '__namespace__'], ['in', '__in__'], ['return', '__return__'], ['true', '__true__'],
    ['foo-bar', 'foo__dash__bar'], ['a.b', 'a__dot__b'], ['a/b', 'a__slash__b'], ['x__y', 'x__underscores__y'],
    ['sectionName', 'sectionName'], ['_private', '_private'],
  ])('escapes %s as %s', (name, escaped) => {
    expect(escapeCelProperty(name)).toBe(escaped);
  });

  test.each(['9lives', 'a b', 'é'])('leaves %s unreachable', (name) => {
    expect(escapeCelProperty(name)).toBeUndefined();
  });

  test('rules reach escaped properties (parentRefs[].namespace is __namespace__)', () => {
    const node = schemaNodeOf({
      'type': 'object',
      'properties': { 'namespace': { type: 'string' }, 'foo-bar': { type: 'integer' } },
      'x-kubernetes-validations': [{ rule: "self.__namespace__ == 'ns' && self.foo__dash__bar == 3", message: 'wrong' }],
    });
    expect(evaluateRules({ 'namespace': 'ns', 'foo-bar': 3 }, node)).toStrictEqual([]);
    expect(evaluateRules({ 'namespace': 'other', 'foo-bar': 3 }, node)).toStrictEqual([{ segs: [], message: 'wrong' }]);
  });
});

describe('rule evaluation semantics', () => {
  const node = (rules: any[], extra: Partial<K8sSchema> = {}): SchemaNode => schemaNodeOf({
    'type': 'object',
    'properties': {
      name: { type: 'string' },
      port: { type: 'integer' },
      ratio: { type: 'number' },
      spec: { type: 'object', properties: { inner: { type: 'string' } } },
    },
    'x-kubernetes-validations': rules,
    ...extra,
  });

  test('reports the rule message, trimmed', () => {
    expect(evaluateRules({ name: 'a' }, node([{ rule: "self.name == 'b'", message: '  name must be b ' }])))
      .toStrictEqual([{ segs: [], message: 'name must be b' }]);
  });

  test('reports "failed rule: <rule>" when the rule has no message', () => {
    expect(evaluateRules({ name: 'a' }, node([{ rule: "self.name == 'b'" }])))
      .toStrictEqual([{ segs: [], message: "failed rule: self.name == 'b'" }]);
  });

  test('reports the messageExpression when it evaluates to a non-empty string', () => {
    const rules = [{ rule: 'self.port < 100', message: 'static', messageExpression: "'port ' + string(self.port) + ' is too high'" }];
    expect(evaluateRules({ port: 8080 }, node(rules))).toStrictEqual([{ segs: [], message: 'port 8080 is too high' }]);
    const empty = [{ rule: 'self.port < 100', message: 'static', messageExpression: "''" }];
    expect(evaluateRules({ port: 8080 }, node(empty))).toStrictEqual([{ segs: [], message: 'static' }]);
  });

  test('reports at fieldPath when the rule has one', () => {
    const rules = [{ rule: "self.spec.inner != 'x'", message: 'inner must not be x', fieldPath: '.spec.inner' }];
    expect(evaluateRules({ spec: { inner: 'x' } }, node(rules))).toStrictEqual([{ segs: ['spec', 'inner'], message: 'inner must not be x' }]);
    expect(parseFieldPath(".a['b.c'].d")).toStrictEqual(['a', 'b.c', 'd']);
    expect(() => parseFieldPath('a.b')).toThrow(/invalid fieldPath/);
  });

  test('reports an evaluation error like the API server, at the node', () => {
    expect(evaluateRules({ port: 1 }, node([{ rule: "self.name == 'x'", message: 'needs name' }])))
      .toStrictEqual([{ segs: [], message: expect.stringMatching(/no such key.* evaluating rule: needs name$/) }]);
  });

  test('integers are CEL int and numbers CEL double', () => {
    expect(evaluateRules({ port: 80, ratio: 0.5 }, node([{ rule: 'self.port == 80 && type(self.port) == int && type(self.ratio) == double', message: 'm' }])))
      .toStrictEqual([]);
  });

  test('skips transition rules (oldSelf) on create', () => {
    expect(evaluateRules({ name: 'a' }, node([{ rule: 'self == oldSelf', message: 'immutable' }]))).toStrictEqual([]);
  });

  test('undeclared fields are invisible to rules', () => {
    expect(evaluateRules({ name: 'a', extra: 1 }, node([{ rule: '!has(self.extra) && size(self) == 1', message: 'm' }]))).toStrictEqual([]);
  });

  test('evaluates rules of nested nodes only when their subject is present', () => {
    const schema = schemaNodeOf({
      type: 'object',
      properties: {
        items: { type: 'array', items: { 'type': 'string', 'x-kubernetes-validations': [{ rule: "self != 'bad'", message: 'no bad' }] } },
        opt: { 'type': 'string', 'x-kubernetes-validations': [{ rule: 'false', message: 'never reached' }] },
      },
    });
    expect(evaluateRules({ items: ['ok', 'bad', 'bad'] }, schema)).toStrictEqual([
      { segs: ['items', 1], message: 'no bad' },
      { segs: ['items', 2], message: 'no bad' },
    ]);
  });
});

describe('structural schema features the Gateway API CRDs do not use (yet)', () => {
  const schema: K8sSchema = {
    type: 'object',
    properties: {
      port: { 'x-kubernetes-int-or-string': true },
      note: { type: 'string', nullable: true },
      ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
      tags: { 'type': 'array', 'items': { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      free: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true },
      name: { type: 'string', maxLength: 3 },
    },
  };
  const check = (data: unknown) => {
    const node = schemaNodeOf(schema);
    return validateStructure('test:features', schema, node, prepare(data, node)).map((i) => `${formatPath(i.segs)}: ${i.message}`);
  };

  test('int-or-string accepts both and nothing else', () => {
    expect(check({ port: 80 })).toStrictEqual([]);
    expect(check({ port: 'http' })).toStrictEqual([]);
    expect(check({ port: true })).toStrictEqual(['port: Invalid value: true: port in body must be of type integer or string: "boolean"']);
  });

  test('nullable keeps null, non-nullable null is pruned', () => {
    expect(check({ note: null, name: null })).toStrictEqual([]);
  });

  test('OpenAPI v3.0 exclusiveMinimum', () => {
    expect(check({ ratio: 0 })).toStrictEqual(['ratio: Invalid value: 0: ratio in body should be greater than 0']);
  });

  test('set lists reject duplicates, preserved objects keep unknown fields, lengths count characters', () => {
    expect(check({ tags: ['a', 'b', 'a'], free: { anything: { goes: 1 } }, name: '😀😀😀' })).toStrictEqual(['tags[2]: Duplicate value: "a"']);
    expect(check({ name: 'abcd' })).toStrictEqual(['name: Too long: may not be more than 3 bytes']);
  });
});
