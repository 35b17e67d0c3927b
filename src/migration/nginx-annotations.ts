/**
 * The ingress-nginx annotations (`nginx.ingress.kubernetes.io/*`) the migration knows, with their documented
 * defaults, and the ones it never converts with what to use instead.
 * Semantics: https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 */

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/** The annotations the reader maps (some with a caveat); every other `nginx.ingress.kubernetes.io/*` is reported. */
export const NGINX_MAPPED = new Set([
  'ssl-redirect', 'force-ssl-redirect', 'permanent-redirect', 'permanent-redirect-code', 'temporal-redirect',
  'temporal-redirect-code', 'app-root', 'rewrite-target', 'use-regex', 'upstream-vhost', 'canary', 'canary-weight',
  'canary-weight-total', 'canary-by-header', 'canary-by-header-value', 'backend-protocol', 'proxy-ssl-secret',
  'proxy-ssl-name', 'proxy-ssl-verify', 'proxy-ssl-server-name', 'enable-cors', 'cors-allow-origin',
  'cors-allow-methods', 'cors-allow-headers', 'cors-expose-headers', 'cors-allow-credentials', 'cors-max-age',
  'proxy-connect-timeout', 'proxy-read-timeout', 'proxy-send-timeout', 'affinity', 'affinity-mode',
  'session-cookie-name', 'session-cookie-max-age', 'session-cookie-expires', 'session-cookie-path', 'ssl-passthrough',
  'x-forwarded-prefix', 'custom-headers',
]);

const POLICY = 'a policy of your implementation attached with PolicyAttachment (e.g. Envoy Gateway SecurityPolicy/BackendTrafficPolicy, NGINX Gateway Fabric policies)';

/** Annotations that have no Gateway API equivalent, with what to use instead. */
export const NGINX_NEVER: { readonly [name: string]: string } = {
  'configuration-snippet': 'raw nginx configuration has no Gateway API equivalent: express each directive with a filter (header modifiers, URLRewrite) or ' + POLICY,
  'server-snippet': 'raw nginx configuration has no Gateway API equivalent: express each directive with a filter or ' + POLICY,
  'auth-url': 'the ExternalAuth filter (experimental, GEP-1494) or ' + POLICY,
  'auth-signin': 'the ExternalAuth filter (experimental, GEP-1494) or ' + POLICY,
  'auth-response-headers': 'the ExternalAuth filter (experimental, GEP-1494: allowedResponseHeaders)',
  'auth-type': 'basic authentication: ' + POLICY,
  'auth-secret': 'basic authentication: ' + POLICY,
  'auth-realm': 'basic authentication: ' + POLICY,
  'auth-tls-secret': 'client certificates: the Gateway `spec.tls.frontend` validation (per Gateway/port, not per route)',
  'auth-tls-verify-client': 'client certificates: the Gateway `spec.tls.frontend` validation mode',
  'limit-rps': 'rate limiting: ' + POLICY,
  'limit-rpm': 'rate limiting: ' + POLICY,
  'limit-connections': 'connection limits: ' + POLICY,
  'limit-burst-multiplier': 'rate limiting: ' + POLICY,
  'whitelist-source-range': 'client IP allow-lists: ' + POLICY + ', or a NetworkPolicy / load balancer source ranges',
  'allowlist-source-range': 'client IP allow-lists: ' + POLICY + ', or a NetworkPolicy / load balancer source ranges',
  'denylist-source-range': 'client IP deny-lists: ' + POLICY,
  'enable-modsecurity': 'a WAF: ' + POLICY,
  'modsecurity-snippet': 'a WAF: ' + POLICY,
  'proxy-body-size': 'request size limits: ' + POLICY,
  'client-body-buffer-size': 'buffering: ' + POLICY,
  'proxy-buffering': 'buffering: ' + POLICY,
  'proxy-buffer-size': 'buffering: ' + POLICY,
  'load-balance': 'the load-balancing algorithm: ' + POLICY,
  'upstream-hash-by': 'consistent hashing: ' + POLICY + ' (or sessionPersistence for cookie/header affinity)',
  'service-upstream': 'Gateway API implementations choose endpoints or the Service IP themselves',
  'server-alias': 'list the alias in the route hostnames (and a listener for it) by hand',
  'mirror-target': 'the RequestMirror filter (extended): the mirror target is a URL here, a Service there; add it by hand',
  'ssl-ciphers': 'TLS settings of the Gateway listener (`tls.options`, implementation-specific)',
  'ssl-prefer-server-ciphers': 'TLS settings of the Gateway listener (`tls.options`, implementation-specific)',
  'enable-access-log': 'access logging: ' + POLICY,
  'enable-opentelemetry': 'tracing: ' + POLICY,
  'default-backend': 'a catch-all rule (PathPrefix `/`) with the backend, in a route of lower precedence',
  'custom-http-errors': 'custom error pages: ' + POLICY,
  'proxy-next-upstream': 'retries: the HTTPRoute rule `retry` (experimental, GEP-1731)',
  'proxy-next-upstream-tries': 'retries: the HTTPRoute rule `retry` (experimental, GEP-1731)',
  'proxy-redirect-from': 'rewriting Location headers of responses: ' + POLICY,
  'proxy-redirect-to': 'rewriting Location headers of responses: ' + POLICY,
  'preserve-trailing-slash': 'redirects keep the path as the RequestRedirect filter says',
};

export const NGINX_CORS_DEFAULTS = {
  origin: '*',
  methods: 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
  headers: 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
  credentials: 'true',
  maxAge: '1728000',
};

/** ingress-nginx's default code of the HTTP→HTTPS redirect (ConfigMap `http-redirect-code`). */
export const NGINX_HTTPS_REDIRECT_CODE = 308;
