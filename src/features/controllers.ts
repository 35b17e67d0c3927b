/**
 * GatewayClass `spec.controllerName` → implementation (catalogue id), with where each name was confirmed.
 * docs/implementations.md shows this table (a test keeps the doc in step).
 */

/** How a controller name was confirmed. */
export type ControllerEvidence =
  /** The implementation's own docs or repository show the name (the source is that page or file). */
  | 'official'
  /** Only third-party material shows it (the source says which); used, but worth a second look. */
  | 'secondary'
  /** Seen in several unrelated public repositories and manifests; no single page to cite. Used. */
  | 'public-code';

/** One known controller name. */
export interface ControllerEntry {
  readonly controllerName: string;
  /** The catalogue id of the implementation. */
  readonly implementation: string;
  readonly evidence: ControllerEvidence;
  /** Where the name was confirmed (a URL), or what was seen. */
  readonly source: string;
}

/** The controller names the lint resolves, sorted by implementation. */
export const CONTROLLERS: readonly ControllerEntry[] = [
  {
    controllerName: 'agentgateway.dev/agentgateway',
    implementation: 'agentgateway',
    evidence: 'public-code',
    source: '`kubectl get gatewayclass` output and Terraform `controller_name` settings in public repositories',
  },
  {
    controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
    implementation: 'envoy-gateway',
    evidence: 'official',
    source: 'https://github.com/envoyproxy/gateway/blob/0a7bc18838206724bf2718dff7a1ea43c7076026/examples/kubernetes/quickstart.yaml',
  },
  {
    controllerName: 'io.cilium/gateway-controller',
    implementation: 'cilium',
    evidence: 'public-code',
    source: 'the constant `controllerName = "io.cilium/gateway-controller"` in Cilium\'s operator sources, and GatewayClass manifests in public repositories',
  },
  {
    controllerName: 'networking.gke.io/gateway',
    implementation: 'gke-gateway',
    evidence: 'public-code',
    source: '`kubectl get gatewayclass` output of GKE clusters (gke-l7-global-external-managed, gke-l7-gxlb, …) in public repositories',
  },
  {
    controllerName: 'istio.io/gateway-controller',
    implementation: 'istio',
    evidence: 'secondary',
    source: 'https://livebook.manning.com/learn/concepts/gatewayclass--api-element/kubernetes-in-action-second-edition (`kubectl get gatewayclasses` shows `istio   istio.io/gateway-controller`)',
  },
  {
    controllerName: 'kgateway.dev/kgateway',
    implementation: 'kgateway',
    evidence: 'public-code',
    source: '`kubectl get gatewayclass` output (`kgateway   kgateway.dev/kgateway`) and Go test constants in public repositories',
  },
  {
    controllerName: 'konghq.com/gateway-operator',
    implementation: 'kong-operator',
    evidence: 'official',
    source: 'https://developer.konghq.com/operator/dataplanes/gateway-api',
  },
  {
    controllerName: 'gateway.nginx.org/nginx-gateway-controller',
    implementation: 'nginx-gateway-fabric',
    evidence: 'public-code',
    source: '`kubectl get gatewayclass` / `kubectl describe` output (`nginx   gateway.nginx.org/nginx-gateway-controller`) in public repositories',
  },
  {
    controllerName: 'traefik.io/gateway-controller',
    implementation: 'traefik',
    evidence: 'official',
    source: 'https://doc.traefik.io/reference/routing-configuration/kubernetes/gateway-api',
  },
];

/**
 * Implementations with a conformance report whose controller name could not be confirmed: not resolved from a
 * GatewayClass (set the implementation explicitly with `Implementation.named()`).
 */
export const UNVERIFIED_CONTROLLERS: { readonly [implementation: string]: string } = {
  'airlock-microgateway': 'no source found',
  'aws-gateway-api-controller': 'commonly given as application-networking.k8s.aws/gateway-api-controller; no source found',
  'aws-load-balancer-controller': 'no source found',
  'gloo-gateway': 'no source found',
  'gravitee': 'no source found',
  'haproxy-ingress': 'no source found',
  'varnish-gateway': 'no source found',
};

/** The catalogue id of the implementation behind a GatewayClass controller name; undefined when not in the table. */
export function implementationOfController(controllerName: string): string | undefined {
  return CONTROLLERS.find((c) => c.controllerName === controllerName)?.implementation;
}
