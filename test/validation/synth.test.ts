import * as fs from 'fs';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { gatewayapi, gatewayapi_experimental } from '../../src';
import { CheckMode } from '../../src/core';
import { GatewayApiAnalysis, GatewayApiValidation } from '../../src/synth';
import { GatewayApiValidator, ValidationChannel } from '../../src/validation';

const badRoute = (scope: Construct, id = 'route') => new gatewayapi.HttpRoute(scope, id, {
  metadata: { name: 'store' },
  spec: {
    parentRefs: [{ name: 'gw' }],
    rules: [{
      matches: [{ path: { type: gatewayapi.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: 'store' } }],
      backendRefs: [{ name: 'store', port: 8080 }],
    }],
  },
});

const goodRoute = (scope: Construct, id = 'good') => new gatewayapi.HttpRoute(scope, id, {
  metadata: { name: 'good' },
  spec: { rules: [{ backendRefs: [{ name: 'store', port: 8080 }] }] },
});

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the synth to fail');
}

describe('synth-time validation', () => {
  test('fails the synth if a Gateway API object in an enabled chart is invalid, naming construct, field and message', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'store', { namespace: 'store' });
    GatewayApiValidation.enable(chart);
    badRoute(chart);
    const message = synthError(app);
    expect(message).toContain('Validation failed with the following errors');
    expect(message).toContain('Gateway API v1.6.1 validation (standard channel) found 1 problem');
    expect(message).toContain(
      "store/route (HTTPRoute store/store) spec.rules[0].matches[0].path: value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
    );
    expect(fs.readdirSync(app.outdir)).toStrictEqual([]);
  });

  test('a valid chart synthesizes', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'store');
    GatewayApiValidation.enable(chart);
    goodRoute(chart);
    app.synth();
    expect(fs.readdirSync(app.outdir)).toStrictEqual(['store.k8s.yaml']);
  });

  test('enabling on the App covers every chart, also charts added later', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app);
    const later = new Chart(app, 'later');
    badRoute(later);
    expect(synthError(app)).toContain('later/route (HTTPRoute store) spec.rules[0].matches[0].path');
  });

  test('app.synthYaml() validates too', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app);
    badRoute(new Chart(app, 'c'));
    expect(() => app.synthYaml()).toThrow(/spec\.rules\[0\]\.matches\[0\]\.path/);
  });

  test('a chart in WARN mode prints warnings and synthesizes', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app);
    const legacy = new Chart(app, 'legacy');
    GatewayApiValidation.of(legacy).mode = CheckMode.WARN;
    badRoute(legacy);
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => { errors.push(m); });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^warning: Gateway API v1\.6\.1 validation \(standard channel\) found 1 problem:\n {2}legacy\/route \(HTTPRoute store\) spec\.rules\[0\]\.matches\[0\]\.path: /);
    expect(fs.readdirSync(app.outdir)).toStrictEqual(['legacy.k8s.yaml']);
  });

  test('other charts keep failing when one chart only warns', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app);
    const legacy = new Chart(app, 'legacy');
    GatewayApiValidation.enable(legacy, { mode: CheckMode.WARN });
    badRoute(legacy);
    badRoute(new Chart(app, 'strict'));
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const message = synthError(app);
      expect(message).toContain('strict/route');
      expect(message).not.toContain('legacy/route');
    } finally {
      spy.mockRestore();
    }
  });

  test('mode OFF turns validation off', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app, { mode: CheckMode.OFF });
    badRoute(new Chart(app, 'c'));
    app.synth();
    expect(fs.readdirSync(app.outdir)).toStrictEqual(['c.k8s.yaml']);
  });

  test('enabling is idempotent and keeps options given earlier (L2 constructs call enable(Chart.of(this)))', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const first = GatewayApiValidation.enable(chart, { mode: CheckMode.WARN, channel: ValidationChannel.EXPERIMENTAL });
    const construct = new Construct(chart, 'l2');
    const second = GatewayApiValidation.enable(Chart.of(construct));
    expect(second).toBe(first);
    expect(GatewayApiValidation.of(construct)).toBe(first);
    expect(first.mode).toBe(CheckMode.WARN);
    expect(first.channel).toBe(ValidationChannel.EXPERIMENTAL);
    badRoute(construct);
    expect(first.violations()).toHaveLength(1);
  });

  test('a chart inherits channel and mode from the App unless it sets them', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app, { channel: ValidationChannel.EXPERIMENTAL, mode: CheckMode.WARN });
    const chart = GatewayApiValidation.enable(new Chart(app, 'c'));
    expect(chart.channel).toBe(ValidationChannel.EXPERIMENTAL);
    expect(chart.mode).toBe(CheckMode.WARN);
    chart.mode = CheckMode.ERROR;
    expect(chart.mode).toBe(CheckMode.ERROR);
    expect(GatewayApiValidation.of(app).mode).toBe(CheckMode.WARN);
  });

  test('fails if an experimental field is used with the standard channel; passes with the experimental channel', () => {
    const build = (channel: ValidationChannel) => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      GatewayApiValidation.enable(chart, { channel });
      new gatewayapi_experimental.HttpRoute(chart, 'route', {
        metadata: { name: 'retrying' },
        spec: { rules: [{ retry: { attempts: 3 }, backendRefs: [{ name: 'svc', port: 80 }] }] },
      });
      return app;
    };
    expect(synthError(build(ValidationChannel.STANDARD)))
      .toContain('spec.rules[0].retry: field "spec.rules[0].retry" is only in the experimental channel');
    build(ValidationChannel.EXPERIMENTAL).synth();
  });

  test('objects of other API groups are not validated', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    GatewayApiValidation.enable(chart);
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Not_A_Valid_Name' } });
    expect(GatewayApiValidation.of(chart).violations()).toStrictEqual([]);
  });

  test('validates raw ApiObjects of Gateway API groups too', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'raw', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'gc' }, spec: { controllerName: 'nope' } });
    expect(GatewayApiValidation.of(chart).violations()).toStrictEqual([
      expect.stringMatching(/^test\/raw \(GatewayClass gc\) spec\.controllerName: Invalid value: "nope": spec\.controllerName in body should match/),
    ]);
  });

  test('fails if an unknown mode or channel is set', () => {
    const v = GatewayApiValidation.of(Testing.chart());
    expect(() => { v.mode = 'loud' as CheckMode; }).toThrow(/unknown validation mode "loud"/);
    expect(() => { v.channel = 'beta' as ValidationChannel; }).toThrow(/unknown validation channel "beta"/);
  });

  test('validates each object once per synth, although cdk8s runs the validations once per chart', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app);
    for (const id of ['a', 'b', 'c']) goodRoute(new Chart(app, id));
    const spy = jest.spyOn(GatewayApiValidator.prototype, 'validate');
    try {
      app.synth();
      expect(spy).toHaveBeenCalledTimes(3);
    } finally {
      spy.mockRestore();
    }
  });

  test('validation and the attachment analysis share one render of each object per synth', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app);
    GatewayApiAnalysis.enable(app, { mode: CheckMode.WARN });
    const charts = ['a', 'b', 'c'].map((id) => new Chart(app, id));
    const routes = charts.map((c) => goodRoute(c));
    const spies = routes.map((r) => jest.spyOn(r, 'toJson'));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      app.synthYaml();
      // once for both checks, once for the output (cdk8s renders each chart once)
      for (const spy of spies) expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      stderr.mockRestore();
      for (const spy of spies) spy.mockRestore();
    }
  });

  test('validates again when constructs were added since the last synth', () => {
    const app = Testing.app();
    GatewayApiValidation.enable(app);
    const chart = new Chart(app, 'c');
    goodRoute(chart);
    app.synth();
    badRoute(chart);
    expect(synthError(app)).toContain('c/route (HTTPRoute store)');
  });
});
