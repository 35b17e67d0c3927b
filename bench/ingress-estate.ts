/**
 * A generated estate of ingress-nginx Ingresses (the bench's `migrate` stage and test/migration/estate.test.ts).
 */
import { prng } from './scenario';

/** `count` ingress-nginx Ingresses (plus canaries), deterministic. */
export function generateIngresses(count: number): any[] {
  const rnd = prng(1515);
  const out: any[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `team-${i % 50}`;
    const host = `app${i}.team-${i % 50}.example.com`;
    const annotations: Record<string, string> = {};
    const paths: any[] = [{ path: '/', pathType: 'Prefix', backend: { service: { name: `web-${i}`, port: { number: 8080 } } } }];
    const n = 1 + Math.floor(rnd() * 3);
    for (let p = 0; p < n; p++) {
      const kind = rnd();
      paths.push(kind < 0.5
        ? { path: `/api${p}`, pathType: 'Prefix', backend: { service: { name: `api-${i}`, port: { number: 9000 } } } }
        : kind < 0.8 ? { path: `/health${p}`, pathType: 'Exact', backend: { service: { name: `api-${i}`, port: { number: 9000 } } } }
          : { path: `/static${p}/`, pathType: 'ImplementationSpecific', backend: { service: { name: `web-${i}`, port: { number: 8080 } } } });
    }
    if (i % 7 === 3) {
      annotations['nginx.ingress.kubernetes.io/use-regex'] = 'true';
      annotations['nginx.ingress.kubernetes.io/rewrite-target'] = '/$2';
      for (const p of paths) { p.path = `${p.path === '/' ? '/app' : p.path.replace(/\/$/, '')}(/|$)(.*)`; p.pathType = 'ImplementationSpecific'; }
    } else if (i % 7 === 1) {annotations['nginx.ingress.kubernetes.io/enable-cors'] = 'true';} else if (i % 7 === 2) {annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'] = '120';} else if (i % 7 === 4) {annotations['nginx.ingress.kubernetes.io/upstream-vhost'] = `internal-${i}.svc`;} else if (i % 7 === 5) {annotations['nginx.ingress.kubernetes.io/app-root'] = '/home';} else if (i % 7 === 6) {annotations['nginx.ingress.kubernetes.io/limit-rps'] = '50';}
    const tls = i % 5 === 0 ? [{ hosts: [host], secretName: `app${i}-tls` }] : undefined;
    out.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: `app${i}`, namespace: ns, annotations },
      spec: { ingressClassName: 'nginx', ...(tls ? { tls } : {}), rules: [{ host, http: { paths } }] },
    });
    if (i % 10 === 0 && i % 7 !== 3) {
      out.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: `app${i}-canary`, namespace: ns, annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' } },
        spec: { ingressClassName: 'nginx', rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: `web-${i}-canary`, port: { number: 8080 } } } }] } }] },
      });
    }
  }
  return out;
}

