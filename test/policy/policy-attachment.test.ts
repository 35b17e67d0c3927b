import { Chart, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Listener, ListenerNamespaces, ListenerSet, PlatformGateway, PolicyAttachment, PolicyTarget, PolicyTargetRefStyle } from '../../src';
import { chartIn, json, validationErrors } from '../platform/helpers';

function gatewayIn(chart: Chart): PlatformGateway {
  return new PlatformGateway(chart, 'gw', { metadata: { name: 'shared' }, gatewayClassName: 'x', listeners: [Listener.http(), Listener.http({ name: 'alt', port: 8080 })] });
}

describe('PolicyAttachment', () => {
  test('emits a vendor policy with targetRefs computed from the targets', () => {
    const chart = chartIn('infra');
    const gw = gatewayIn(chart);
    const svc = new kplus.Service(chart, 'svc', { metadata: { name: 'backend' }, ports: [{ port: 80 }] });
    const policy = new PolicyAttachment(chart, 'policy', {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: { name: 'retries' },
      targetRefs: [PolicyTarget.fromGateway(gw, { sectionName: 'http' }), PolicyTarget.fromService(svc)],
      spec: { retry: { numRetries: 3 } },
    });
    policy.addToSpec('timeout.http.requestTimeout', '10s');
    policy.addToSpec('retry.perRetry.timeout', '1s');
    expect(json(policy)).toMatchSnapshot();
    expect(json(policy)).toStrictEqual({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: { name: 'retries', namespace: 'infra' },
      spec: {
        retry: { numRetries: 3, perRetry: { timeout: '1s' } },
        timeout: { http: { requestTimeout: '10s' } },
        targetRefs: [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', sectionName: 'http' },
          { group: '', kind: 'Service', name: 'backend' },
        ],
      },
    });
    expect(validationErrors(chart)).toStrictEqual([]);
  });

  test('targetRef (singular) style', () => {
    const chart = chartIn('infra');
    const policy = new PolicyAttachment(chart, 'p', {
      apiVersion: 'example.com/v1alpha2',
      kind: 'OldPolicy',
      targetRefStyle: PolicyTargetRefStyle.TARGET_REF,
      targetRefs: [PolicyTarget.fromGateway(gatewayIn(chart))],
    });
    expect(json(policy).spec).toStrictEqual({ targetRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared' } });
    expect(() => policy.addTarget(PolicyTarget.fromServiceName('x')))
      .toThrow('test/p: this policy takes a single spec.targetRef (targetRefStyle TARGET_REF) and already targets Gateway "shared": create one policy per target.');
  });

  test('the spec is copied, and tokens pass through', () => {
    const chart = chartIn('infra');
    const spec: any = { a: { b: 1 }, lazy: Lazy.any({ produce: () => 'late' }) };
    const policy = new PolicyAttachment(chart, 'p', { apiVersion: 'example.com/v1', kind: 'P', spec, targetRefs: [PolicyTarget.fromServiceName('s')] });
    spec.a.b = 2;
    expect(json(policy).spec).toStrictEqual({ a: { b: 1 }, lazy: 'late', targetRefs: [{ group: '', kind: 'Service', name: 's' }] });
  });

  test('targets a ListenerSet listener', () => {
    const app = Testing.app();
    const gw = PlatformGateway.fromGatewayName(new Chart(app, 'i', { namespace: 'infra' }), 'gw', 'shared', { allowedListeners: { namespaces: ListenerNamespaces.all() } });
    const store = new Chart(app, 'store', { namespace: 'store' });
    const ls = new ListenerSet(store, 'ls', { metadata: { name: 'store' }, parentRef: gw, listeners: [Listener.http({ name: 'web', port: 8080 })] });
    new PolicyAttachment(store, 'p', { apiVersion: 'example.com/v1', kind: 'P', targetRefs: [PolicyTarget.fromGateway(ls, { sectionName: 'nope' })] });
    expect(validationErrors(store)).toStrictEqual(['store/p: target ListenerSet "store" (sectionName "nope") names no listener of ListenerSet "store": use one of "web".']);
  });

  describe('errors', () => {
    test('fails if a target is in another namespace', () => {
      const app = Testing.app();
      const gw = gatewayIn(new Chart(app, 'infra', { namespace: 'infra' }));
      expect(() => new PolicyAttachment(new Chart(app, 'store', { namespace: 'store' }), 'p', {
        apiVersion: 'example.com/v1', kind: 'P', targetRefs: [PolicyTarget.fromGateway(gw)],
      })).toThrow('store/p: target Gateway "shared" is in namespace "infra" but the policy is in namespace "store": policies attach to objects in their own namespace only; create the policy in "infra".');
    });

    test('fails at synth if a sectionName names no listener of the Gateway', () => {
      const chart = chartIn('infra');
      new PolicyAttachment(chart, 'p', { apiVersion: 'example.com/v1', kind: 'P', targetRefs: [PolicyTarget.fromGateway(gatewayIn(chart), { sectionName: 'https' })] });
      expect(validationErrors(chart)).toStrictEqual(['test/p: target Gateway "shared" (sectionName "https") names no listener of Gateway "shared": use one of "http", "alt".']);
    });

    test('fails at synth without targets', () => {
      const chart = chartIn('infra');
      new PolicyAttachment(chart, 'p', { apiVersion: 'example.com/v1', kind: 'P', metadata: { name: 'x' } });
      expect(validationErrors(chart)).toStrictEqual(['test/p: P "x" has no target: add one with targetRefs: [...] or addTarget().']);
    });

    test('fails if apiVersion, kind or spec are invalid', () => {
      const chart = chartIn('infra');
      expect(() => new PolicyAttachment(chart, 'a', { apiVersion: 'v1', kind: 'P' })).toThrow('test/a: apiVersion "v1" is not a "<group>/<version>" of a policy CRD: use e.g. "gateway.envoyproxy.io/v1alpha1".');
      expect(() => new PolicyAttachment(chart, 'b', { apiVersion: 'a.io/v1', kind: 'bad kind' })).toThrow(/kind "bad kind" is not a valid kind/);
      expect(() => new PolicyAttachment(chart, 'c', { apiVersion: 'a.io/v1', kind: 'P', spec: { targetRefs: [] } })).toThrow(/spec.targetRefs is computed from the targets/);
      const p = new PolicyAttachment(chart, 'd', { apiVersion: 'a.io/v1', kind: 'P', spec: { a: 'x' } });
      expect(() => p.addToSpec('a.b', 1)).toThrow('test/d: addToSpec() path "a.b": spec.a is not an object; it cannot have fields.');
      expect(() => p.addToSpec('a..b', 1)).toThrow(/has an empty segment/);
      expect(() => p.addToSpec('targetRef', {})).toThrow(/cannot set spec.targetRef/);
    });
  });
});
