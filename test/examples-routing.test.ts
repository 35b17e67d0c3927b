/**
 * Routing tests of the examples app, written with the Jest matchers of `cdk8s-gateway-api/lib/src/testing/jest`.
 */
import { Testing } from 'cdk8s';
import { ExamplesApp } from '../examples/app';
import { RoutingRequest } from '../src';
import { routeRequest, routingMatchers } from '../src/testing/jest';

describe('examples app routing', () => {
  const app = Testing.app();
  new ExamplesApp(app, 10);
  const https = (host: string, path: string, extra: Partial<RoutingRequest> = {}): RoutingRequest => ({ scheme: 'https', host, path, ...extra });

  test.each([
    { name: 'store / (stable share)', request: https('store.example.com', '/'), service: 'store/store-v1', port: 8080, probability: 0.9 },
    { name: 'store /cart (canary share)', request: https('store.example.com', '/cart'), service: 'store/store-v2', port: 8080, probability: 0.1 },
    { name: 'store / with x-canary: always', request: https('store.example.com', '/', { headers: { 'x-canary': 'always' } }), service: 'store/store-v2', port: 8080, probability: 1 },
    { name: 'store /search (another namespace)', request: https('store.example.com', '/search?q=shoes'), service: 'shared-services/search', port: 9000, probability: 1 },
    { name: 'blog /posts/1', request: https('blog.example.com', '/posts/1'), service: 'blog/blog', port: 3000, probability: 1 },
  ])('$name → $service:$port ($probability)', ({ request, service, port, probability }) => {
    expect(routeRequest(app, request)).toRouteTo(service, port, probability);
  });

  test('the search rule is the longest prefix and reports its timeout', () => {
    const routed = routeRequest(app, https('store.example.com', '/search/x'));
    expect(routed).toBeHandledBy('HTTPRoute store/store', 'search');
    expect(routed.result.timeouts).toStrictEqual({ request: '10s' });
    expect(routed.result.explanation.join('\n')).toMatch(/PathPrefix \/search is the longest prefix/);
  });

  test('plain HTTP is redirected to HTTPS with a 301', () => {
    expect(routeRequest(app, { host: 'store.example.com', path: '/cart?id=1' })).toRedirectTo('https://store.example.com/cart?id=1', 301);
  });

  test('the blog response gets its cache-control header', () => {
    const routed = routeRequest(app, https('blog.example.com', '/', { backendResponseHeaders: { 'cache-control': 'no-cache' } }));
    expect(routed.result.responseHeaders).toStrictEqual({ 'cache-control': 'public, max-age=300' });
    expect(routed).toArriveAs({ host: 'blog.example.com', path: '/' });
  });

  test('hosts no route claims get 404; hosts outside the listeners are refused at the TLS handshake', () => {
    expect(routeRequest(app, https('shop.example.com', '/'))).toRespondWith(404);
    expect(routeRequest(app, https('store.example.org', '/'))).toRespondWith(0);
  });

  test('failure messages carry the explanation trail', () => {
    const routed = routeRequest(app, https('blog.example.com', '/'));
    const failed = routingMatchers.toRouteTo(routed, 'store/store-v1', 8080);
    expect(failed.pass).toBe(false);
    expect(failed.message()).toMatch(/expected the request to be routed to store\/store-v1:8080/);
    expect(failed.message()).toMatch(/listener https \(HTTPS port 443\) of Gateway infra\/shared-gateway/);
    expect(() => routingMatchers.toRespondWith(app, 200)).toThrow(/expect\(\) needs the result of routeRequest/);
  });
});
