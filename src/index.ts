/**
 * cdk8s-gateway-api: cdk8s constructs for the Kubernetes Gateway API v1.6.1.
 *
 * - `gatewayapi`: L1 classes for every kind of the standard channel (gateway.networking.k8s.io).
 * - `gatewayapi_experimental`: L1 classes for the experimental channel of gateway.networking.k8s.io.
 * - `gatewayapix`: L1 classes for the experimental gateway.networking.x-k8s.io kinds
 *   (XBackendTrafficPolicy, XMesh, XBackend).
 */
export * as gatewayapi from '../imports/standard/gateway.networking.k8s.io';
export * as gatewayapi_experimental from '../imports/experimental/gateway.networking.k8s.io';
export * as gatewayapix from '../imports/experimental/gateway.networking.x-k8s.io';

export * from './core';
export * from './grants';
export * from './platform';
export * from './policy';
export * from './analysis';
export * from './routing';
export * from './team';
export * from './release';
export * from './validation';
export * from './features';
export * from './report';
export * from './synth';
export * from './migration/ingress-migration';
