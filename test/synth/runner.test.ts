/**
 * The synth runner (src/synth/runner.ts): one per App, one pass per synth, each object rendered once for all the
 * checks, each check run once per pass, and a new pass from the one place that decides (the fingerprint).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Backend, Implementation, Listener, PlatformGateway, TeamRoute } from '../../src';
import { CheckMode } from '../../src/core';
import { GatewayApiReport } from '../../src/report/report';
import { GatewayApiAnalysis, GatewayApiValidation } from '../../src/synth';
import { _SynthRunner } from '../../src/synth/runner';

/** An app of `charts` team charts, each with a route to the shared Gateway, and every synth-time check on. */
function appWithEveryCheck(charts: number, reportFile?: string): { app: App; routes: TeamRoute[]; configMap: ApiObject } {
  const app = Testing.app();
  const platform = new Chart(app, 'platform', { namespace: 'infra' });
  new PlatformGateway(platform, 'gw', { gatewayClassName: 'shared', listeners: [Listener.http()] });
  const configMap = new ApiObject(platform, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
  const routes: TeamRoute[] = [];
  for (let i = 0; i < charts; i++) {
    const chart = new Chart(app, `team-${i}`, { namespace: `team-${i}` });
    routes.push(new TeamRoute(chart, 'route', { rules: [{ backendRefs: [Backend.fromName('svc', { port: 80 })] }], allowUnattached: true }));
  }
  GatewayApiValidation.enable(app, { implementation: Implementation.named('envoy-gateway') });
  GatewayApiAnalysis.enable(app, { mode: CheckMode.WARN });
  if (reportFile) GatewayApiReport.enable(app, { file: reportFile });
  return { app, routes, configMap };
}

describe('the synth runner', () => {
  let stderr: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    stderr.mockRestore();
    error.mockRestore();
  });

  test('is one per App, whatever construct asks', () => {
    const { app, routes } = appWithEveryCheck(2);
    expect(_SynthRunner.of(routes[0])).toBe(_SynthRunner.of(app));
    expect(_SynthRunner.of(routes[1].node.scope!)).toBe(_SynthRunner.of(app));
    expect(_SynthRunner.of(Testing.app())).not.toBe(_SynthRunner.of(app));
  });

  test('renders each object once per synth for validation, analysis, feature lint and report together', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-'));
    try {
      const { app, routes, configMap } = appWithEveryCheck(4, path.join(dir, 'report.html'));
      const specs = routes.map((r) => jest.spyOn(r as any, '_renderSpec'));
      const toJson = jest.spyOn(configMap, 'toJson');
      app.synthYaml(); // 5 charts: 6 validation sweeps
      // a route's spec is rendered once: the checks' render is also its written manifest
      for (const spec of specs) expect(spec).toHaveBeenCalledTimes(1);
      // an object the library did not make: once for all the checks, once by cdk8s for the output
      expect(toJson).toHaveBeenCalledTimes(2);
      expect(fs.existsSync(path.join(dir, 'report.html'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the checks do not change what is written (the renders they share are not modified)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-'));
    try {
      const plain = Testing.app();
      const chart = new Chart(plain, 'team-0', { namespace: 'team-0' });
      new TeamRoute(chart, 'route', { rules: [{ backendRefs: [Backend.fromName('svc', { port: 80 })] }], allowUnattached: true });
      const checked = appWithEveryCheck(1, path.join(dir, 'report.html')).app;
      const teamYaml = (app: App) => (app.node.findChild('team-0') as Chart).toJson();
      expect(teamYaml(checked)).toStrictEqual(teamYaml(plain));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('runs the cross-object checks of each construct once per synth, and again after a change', () => {
    const { app, routes } = appWithEveryCheck(3);
    const checks = routes.map((r) => jest.spyOn(r as any, '_validateRoute'));
    app.synthYaml();
    app.synthYaml();
    for (const check of checks) expect(check).toHaveBeenCalledTimes(1);
    routes[0].addHostname('a.example.com');
    app.synthYaml();
    for (const check of checks) expect(check).toHaveBeenCalledTimes(2);
  });

  test('keeps its pass while nothing changed, and begins a new one on any change', async () => {
    const { app, routes } = appWithEveryCheck(1);
    const runner = _SynthRunner.of(app);
    app.synthYaml();
    const first = runner.pass();
    expect(runner.pass()).toBe(first);
    routes[0].addHostname('a.example.com'); // a library mutator
    const second = runner.pass();
    expect(second).not.toBe(first);
    new ApiObject(app.node.findChild('platform') as Chart, 'other', { apiVersion: 'v1', kind: 'ConfigMap' }); // a foreign object
    app.synthYaml();
    expect(runner.pass()).not.toBe(second);
    const third = runner.pass();
    await Promise.resolve(); // the event loop moved on: the next synth is another pass
    expect(runner.pass()).not.toBe(third);
  });

  test('a check called outside a synth sees a construct another chart added (it walks the tree)', () => {
    const { app } = appWithEveryCheck(1);
    const runner = _SynthRunner.of(app);
    const before = runner.pass();
    new ApiObject(new Chart(app, 'later'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(runner.pass()).not.toBe(before);
  });

  test('fails synth with a cross-object error under the construct path, in the same synth that finds it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'team', { namespace: 'team' });
    new TeamRoute(chart, 'route', { metadata: { name: 'lonely' }, rules: [{ backendRefs: [Backend.fromName('svc', { port: 80 })] }] });
    expect(() => app.synthYaml()).toThrow(/\[team\/route\] team\/route: HTTPRoute "lonely" is not attached to any parent/);
  });
});
