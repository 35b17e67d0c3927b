import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { gatewayapi, gatewayapi_experimental, gatewayapix } from '../src';
import { listFiles, sharedPath } from './support/shared';

interface ServedVersion {
  readonly file: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** Every served group/version/kind declared by the CRD files of one channel. */
function servedVersions(channel: string): ServedVersion[] {
  const out: ServedVersion[] = [];
  for (const file of listFiles(sharedPath('crds', channel))) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf-8'))) {
      const crd = doc.toJSON();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        if (!v.served) continue;
        out.push({ file: path.basename(file), group: crd.spec.group, version: v.name, kind: crd.spec.names.kind });
      }
    }
  }
  return out;
}

type L1Class = (new (scope: any, id: string, props: any) => ApiObject) & { GVK: { apiVersion: string; kind: string } };

/** The L1 classes of a generated module, by "apiVersion/kind". */
function classesByGvk(...modules: object[]): Map<string, L1Class> {
  const map = new Map<string, L1Class>();
  for (const mod of modules) {
    for (const value of Object.values(mod)) {
      const gvk = (value as any)?.GVK;
      if (typeof value === 'function' && gvk) map.set(`${gvk.apiVersion}/${gvk.kind}`, value as L1Class);
    }
  }
  return map;
}

const CHANNELS: Array<{ channel: string; modules: object[] }> = [
  { channel: 'standard', modules: [gatewayapi] },
  { channel: 'experimental', modules: [gatewayapi_experimental, gatewayapix] },
];

describe.each(CHANNELS)('L1 for the $channel channel', ({ channel, modules }) => {
  const served = servedVersions(channel);
  const classes = classesByGvk(...modules);

  test('the CRDs declare served versions', () => {
    expect(served.length).toBeGreaterThan(10);
  });

  test.each(served.map((s) => [`${s.group}/${s.version} ${s.kind}`, s] as const))(
    '%s synthesizes with the right apiVersion and kind',
    (_name, s) => {
      const apiVersion = `${s.group}/${s.version}`;
      const cls = classes.get(`${apiVersion}/${s.kind}`);
      expect(cls).toBeDefined();
      const chart = Testing.chart();
      new cls!(chart, 'obj', { metadata: { name: 'example', namespace: 'ns' }, spec: {} });
      const [manifest] = Testing.synth(chart);
      expect(manifest).toStrictEqual({
        apiVersion,
        kind: s.kind,
        metadata: { name: 'example', namespace: 'ns' },
        spec: {},
      });
    },
  );

  test('the module has no class for a version the CRDs do not serve', () => {
    const servedKeys = new Set(served.map((s) => `${s.group}/${s.version}/${s.kind}`));
    expect([...classes.keys()].filter((k) => !servedKeys.has(k))).toStrictEqual([]);
  });
});

test('typed L1 props render the upstream field names', () => {
  const chart = Testing.chart();
  new gatewayapi.HttpRoute(chart, 'route', {
    metadata: { name: 'store' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'https' }],
      hostnames: ['store.example.com'],
      rules: [{
        matches: [{ path: { type: gatewayapi.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/store' } }],
        backendRefs: [{ name: 'store', port: 8080, weight: 1 }],
      }],
    },
  });
  expect(Testing.synth(chart)[0].spec).toStrictEqual({
    parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'https' }],
    hostnames: ['store.example.com'],
    rules: [{
      matches: [{ path: { type: 'PathPrefix', value: '/store' } }],
      backendRefs: [{ name: 'store', port: 8080, weight: 1 }],
    }],
  });
});
