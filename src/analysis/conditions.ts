/**
 * Every condition type and reason constant of the Gateway API v1.6.1 Go API types (`apis/v1/*_types.go`), with the
 * object it belongs to. Internal: the analysis writes these values, and docs/analysis.md lists every one of them
 * (a test checks that it does).
 *
 * The Go constant name is kept so that a reader can find the constant (and its doc comment) upstream.
 */

/** Whether a constant is a condition type or a reason. @internal */
export type _ConstantKind = 'type' | 'reason';

/** One constant of the v1.6.1 API types. @internal */
export interface _ConditionConstant {
  /** The Go identifier, e.g. `GatewayReasonInvalidParameters`. */
  readonly goName: string;
  /** The string value written in status. */
  readonly value: string;
  /** Condition type or reason. */
  readonly kind: _ConstantKind;
  /** The Go file that declares it (under `apis/v1/`). */
  readonly file: string;
}

function consts(file: string, kind: _ConstantKind, entries: Array<[string, string]>): _ConditionConstant[] {
  return entries.map(([goName, value]) => ({ goName, value, kind, file }));
}

/** Every condition type and reason constant of Gateway API v1.6.1, in the order of the Go files. @internal */
export const _V1_6_1_CONDITION_CONSTANTS: readonly _ConditionConstant[] = [
  // gatewayclass_types.go
  ...consts('gatewayclass_types.go', 'type', [
    ['GatewayClassConditionStatusAccepted', 'Accepted'],
    ['GatewayClassConditionStatusSupportedVersion', 'SupportedVersion'],
  ]),
  ...consts('gatewayclass_types.go', 'reason', [
    ['GatewayClassReasonAccepted', 'Accepted'],
    ['GatewayClassReasonInvalid', 'Invalid'],
    ['GatewayClassReasonInvalidParameters', 'InvalidParameters'],
    ['GatewayClassReasonPending', 'Pending'],
    ['GatewayClassReasonWaiting', 'Waiting'],
    ['GatewayClassReasonSupportedVersion', 'SupportedVersion'],
    ['GatewayClassReasonUnsupportedVersion', 'UnsupportedVersion'],
  ]),
  // gateway_types.go: Gateway
  ...consts('gateway_types.go', 'type', [
    ['GatewayConditionProgrammed', 'Programmed'],
    ['GatewayConditionInsecureFrontendValidationMode', 'InsecureFrontendValidationMode'],
    ['GatewayConditionAccepted', 'Accepted'],
    ['GatewayConditionScheduled', 'Scheduled'],
    ['GatewayConditionResolvedRefs', 'ResolvedRefs'],
    ['GatewayConditionReady', 'Ready'],
  ]),
  ...consts('gateway_types.go', 'reason', [
    ['GatewayReasonProgrammed', 'Programmed'],
    ['GatewayReasonInvalid', 'Invalid'],
    ['GatewayReasonNoResources', 'NoResources'],
    ['GatewayReasonAddressNotAssigned', 'AddressNotAssigned'],
    ['GatewayReasonAddressNotUsable', 'AddressNotUsable'],
    ['GatewayReasonConfigurationChanged', 'ConfigurationChanged'],
    ['GatewayReasonAccepted', 'Accepted'],
    ['GatewayReasonListenersNotValid', 'ListenersNotValid'],
    ['GatewayReasonPending', 'Pending'],
    ['GatewayReasonUnsupportedAddress', 'UnsupportedAddress'],
    ['GatewayReasonInvalidParameters', 'InvalidParameters'],
    ['GatewayReasonScheduled', 'Scheduled'],
    ['GatewayReasonNotReconciled', 'NotReconciled'],
    ['GatewayReasonResolvedRefs', 'ResolvedRefs'],
    ['GatewayReasonInvalidClientCertificateRef', 'InvalidClientCertificateRef'],
    ['GatewayReasonRefNotPermitted', 'RefNotPermitted'],
    ['GatewayReasonListenersNotResolved', 'ListenersNotResolved'],
    ['GatewayReasonReady', 'Ready'],
    ['GatewayReasonListenersNotReady', 'ListenersNotReady'],
  ]),
  // gateway_types.go: Gateway listeners
  ...consts('gateway_types.go', 'type', [
    ['ListenerConditionConflicted', 'Conflicted'],
    ['ListenerConditionAccepted', 'Accepted'],
    ['ListenerConditionDetached', 'Detached'],
    ['ListenerConditionResolvedRefs', 'ResolvedRefs'],
    ['ListenerConditionProgrammed', 'Programmed'],
    ['ListenerConditionOverlappingTLSConfig', 'OverlappingTLSConfig'],
    ['ListenerConditionReady', 'Ready'],
  ]),
  ...consts('gateway_types.go', 'reason', [
    ['ListenerReasonHostnameConflict', 'HostnameConflict'],
    ['ListenerReasonProtocolConflict', 'ProtocolConflict'],
    ['ListenerReasonNoConflicts', 'NoConflicts'],
    ['ListenerReasonAccepted', 'Accepted'],
    ['ListenerReasonAttached', 'Attached'],
    ['ListenerReasonPortUnavailable', 'PortUnavailable'],
    ['ListenerReasonUnsupportedProtocol', 'UnsupportedProtocol'],
    ['ListenerReasonNoValidCACertificate', 'NoValidCACertificate'],
    ['ListenerReasonUnsupportedValue', 'UnsupportedValue'],
    ['ListenerReasonResolvedRefs', 'ResolvedRefs'],
    ['ListenerReasonInvalidCertificateRef', 'InvalidCertificateRef'],
    ['ListenerReasonInvalidRouteKinds', 'InvalidRouteKinds'],
    ['ListenerReasonRefNotPermitted', 'RefNotPermitted'],
    ['ListenerReasonInvalidCACertificateRef', 'InvalidCACertificateRef'],
    ['ListenerReasonInvalidCACertificateKind', 'InvalidCACertificateKind'],
    ['ListenerReasonProgrammed', 'Programmed'],
    ['ListenerReasonInvalid', 'Invalid'],
    ['ListenerReasonPending', 'Pending'],
    ['ListenerReasonOverlappingHostnames', 'OverlappingHostnames'],
    ['ListenerReasonOverlappingCertificates', 'OverlappingCertificates'],
    ['ListenerReasonReady', 'Ready'],
  ]),
  // listenerset_types.go: ListenerSet
  ...consts('listenerset_types.go', 'type', [
    ['ListenerSetConditionProgrammed', 'Programmed'],
    ['ListenerSetConditionAccepted', 'Accepted'],
  ]),
  ...consts('listenerset_types.go', 'reason', [
    ['ListenerSetReasonProgrammed', 'Programmed'],
    ['ListenerSetReasonAccepted', 'Accepted'],
    ['ListenerSetReasonNotAllowed', 'NotAllowed'],
    ['ListenerSetReasonParentNotAccepted', 'ParentNotAccepted'],
    ['ListenerSetReasonListenersNotValid', 'ListenersNotValid'],
    ['ListenerSetReasonInvalid', 'Invalid'],
    ['ListenerSetReasonPending', 'Pending'],
  ]),
  // listenerset_types.go: ListenerSet listeners (ListenerEntry)
  ...consts('listenerset_types.go', 'type', [
    ['ListenerEntryConditionConflicted', 'Conflicted'],
    ['ListenerEntryConditionAccepted', 'Accepted'],
    ['ListenerEntryConditionResolvedRefs', 'ResolvedRefs'],
    ['ListenerEntryConditionProgrammed', 'Programmed'],
    ['ListenerEntryConditionReady', 'Ready'],
  ]),
  ...consts('listenerset_types.go', 'reason', [
    ['ListenerEntryReasonHostnameConflict', 'HostnameConflict'],
    ['ListenerEntryReasonProtocolConflict', 'ProtocolConflict'],
    ['ListenerEntryReasonListenerConflict', 'ListenerConflict'],
    ['ListenerEntryReasonAccepted', 'Accepted'],
    ['ListenerEntryReasonUnsupportedProtocol', 'UnsupportedProtocol'],
    ['ListenerEntryReasonTooManyListeners', 'TooManyListeners'],
    ['ListenerEntryReasonResolvedRefs', 'ResolvedRefs'],
    ['ListenerEntryReasonInvalidCertificateRef', 'InvalidCertificateRef'],
    ['ListenerEntryReasonInvalidRouteKinds', 'InvalidRouteKinds'],
    ['ListenerEntryReasonRefNotPermitted', 'RefNotPermitted'],
    ['ListenerEntryReasonProgrammed', 'Programmed'],
    ['ListenerEntryReasonPortUnavailable', 'PortUnavailable'],
    ['ListenerEntryReasonPending', 'Pending'],
    ['ListenerEntryReasonInvalid', 'Invalid'],
    ['ListenerEntryReasonReady', 'Ready'],
  ]),
  // shared_types.go: routes
  ...consts('shared_types.go', 'type', [
    ['RouteConditionAccepted', 'Accepted'],
    ['RouteConditionResolvedRefs', 'ResolvedRefs'],
    ['RouteConditionPartiallyInvalid', 'PartiallyInvalid'],
  ]),
  ...consts('shared_types.go', 'reason', [
    ['RouteReasonAccepted', 'Accepted'],
    ['RouteReasonNotAllowedByListeners', 'NotAllowedByListeners'],
    ['RouteReasonNoMatchingListenerHostname', 'NoMatchingListenerHostname'],
    ['RouteReasonNoMatchingParent', 'NoMatchingParent'],
    ['RouteReasonUnsupportedValue', 'UnsupportedValue'],
    ['RouteReasonPending', 'Pending'],
    ['RouteReasonIncompatibleFilters', 'IncompatibleFilters'],
    ['RouteReasonResolvedRefs', 'ResolvedRefs'],
    ['RouteReasonRefNotPermitted', 'RefNotPermitted'],
    ['RouteReasonInvalidKind', 'InvalidKind'],
    ['RouteReasonBackendNotFound', 'BackendNotFound'],
    ['RouteReasonUnsupportedProtocol', 'UnsupportedProtocol'],
  ]),
  // policy_types.go: policies (BackendTLSPolicy uses these)
  ...consts('policy_types.go', 'type', [
    ['PolicyConditionAccepted', 'Accepted'],
  ]),
  ...consts('policy_types.go', 'reason', [
    ['PolicyReasonAccepted', 'Accepted'],
    ['PolicyReasonConflicted', 'Conflicted'],
    ['PolicyReasonInvalid', 'Invalid'],
    ['PolicyReasonTargetNotFound', 'TargetNotFound'],
  ]),
  // backendtlspolicy_types.go
  ...consts('backendtlspolicy_types.go', 'type', [
    ['BackendTLSPolicyConditionResolvedRefs', 'ResolvedRefs'],
  ]),
  ...consts('backendtlspolicy_types.go', 'reason', [
    ['BackendTLSPolicyReasonNoValidCACertificate', 'NoValidCACertificate'],
    ['BackendTLSPolicyReasonResolvedRefs', 'ResolvedRefs'],
    ['BackendTLSPolicyReasonInvalidCACertificateRef', 'InvalidCACertificateRef'],
    ['BackendTLSPolicyReasonInvalidKind', 'InvalidKind'],
  ]),
];

/** The reason `Pending` with status `Unknown`: what the analysis writes for what only the cluster can tell. @internal */
export const _PENDING = 'Pending';
