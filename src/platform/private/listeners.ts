import { IConstruct } from 'constructs';
import { RouteAttachmentRequest } from '../../core/route-parent';
import { ReferenceGrants } from '../../grants/reference-grants';
import { AllowedListeners } from '../allowed-listeners';
import { CaCertificateRef, CertificateRef } from '../certificate-ref';
import { Listener, ListenerTlsMode } from '../listener';
import { describeSelector, namespaceMatches, renderSelector } from './selector';
import {
  checkAnnotations, checkHostname, checkPort, checkSectionName, formatLabels, hostnamesIntersect, quoteList,
} from './validation';
import { _synthWarning } from '../../core/warnings';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

const CORE_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];
const STANDARD_ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];
/** Route kinds (gateway.networking.k8s.io) a listener of each protocol can serve when listed explicitly. */
const COMPATIBLE_KINDS: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};
/** Route kinds a listener of each protocol accepts when `allowedRoutes.kinds` is unset. */
const DEFAULT_KINDS: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};
const CUSTOM_PROTOCOL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/;
export const MAX_LISTENERS = 64;

/**
 * Validates a listener on its own. `owned` is false for the listeners of an imported Gateway or ListenerSet, which
 * only describe what exists (their TLS settings are not checked).
 */
export function validateListener(where: string, l: Listener, owned: boolean): void {
  checkSectionName(where, 'listener name', l.name);
  const what = `listener "${l.name}"`;
  checkPort(where, `${what} port`, l.port);
  if (!CORE_PROTOCOLS.includes(l.protocol)) {
    if (CORE_PROTOCOLS.includes(l.protocol.toUpperCase())) {
      throw new Error(`${where}: ${what} protocol "${l.protocol}" is a core protocol: use Listener.${l.protocol.toLowerCase()}() instead of Listener.custom().`);
    }
    if (l.protocol.length > 255 || !CUSTOM_PROTOCOL.test(l.protocol)) {
      throw new Error(`${where}: ${what} protocol "${l.protocol}" is not valid: implementation-specific protocols are domain-prefixed, e.g. "example.com/quic".`);
    }
  }
  if (l.hostname !== undefined) {
    if (l.protocol === 'TCP' || l.protocol === 'UDP') {
      throw new Error(`${where}: ${what} has a hostname, which ${l.protocol} listeners must not have: remove it.`);
    }
    checkHostname(where, `${what} hostname`, l.hostname, true);
  }
  const kinds = l.allowedRoutes?.kinds;
  if (kinds) {
    if (kinds.length > 8) throw new Error(`${where}: ${what} allowedRoutes.kinds has ${kinds.length} entries, more than the 8 allowed.`);
    const seen = new Set<string>();
    for (const k of kinds) {
      const key = `${k.group}/${k.kind}`;
      if (seen.has(key)) throw new Error(`${where}: ${what} allowedRoutes.kinds lists ${k.kind} twice: list each kind once.`);
      seen.add(key);
      if (k.group !== GATEWAY_GROUP) continue;
      if (!STANDARD_ROUTE_KINDS.includes(k.kind)) {
        throw new Error(`${where}: ${what} allowedRoutes.kinds has "${k.kind}", which is not a Gateway API route kind: use one of ${quoteList(STANDARD_ROUTE_KINDS)} (e.g. RouteKind.HTTP_ROUTE).`);
      }
      const compatible = COMPATIBLE_KINDS[l.protocol];
      if (compatible && !compatible.includes(k.kind)) {
        throw new Error(`${where}: ${what} (protocol ${l.protocol}) cannot serve ${k.kind}s (allowedRoutes.kinds): use ${quoteList(compatible)}, or a listener of another protocol.`);
      }
    }
  }
  if (l.tlsOptions) {
    checkAnnotations(where, `${what} tlsOptions`, l.tlsOptions, 16);
  }
  if (l.certificateRefs.length > 64) {
    throw new Error(`${where}: ${what} has ${l.certificateRefs.length} certificateRefs, more than the 64 allowed.`);
  }
  if (!owned) return;
  const hasTls = l.protocol === 'HTTPS' || l.protocol === 'TLS';
  if (!hasTls && (l.certificateRefs.length > 0 || l.tlsOptions)) {
    throw new Error(`${where}: ${what} has TLS settings, which ${l.protocol} listeners must not have: remove certificateRefs and tlsOptions.`);
  }
  if (l.tlsMode === ListenerTlsMode.PASSTHROUGH && l.certificateRefs.length > 0) {
    throw new Error(`${where}: ${what} is a TLS Passthrough listener, which ignores certificateRefs (the backend terminates TLS): remove them, or use Listener.tlsTerminate().`);
  }
  const terminates = l.protocol === 'HTTPS' || l.tlsMode === ListenerTlsMode.TERMINATE;
  if (terminates && l.certificateRefs.length === 0 && Object.keys(l.tlsOptions ?? {}).length === 0) {
    throw new Error(
      `${where}: ${what} terminates TLS but has no certificateRefs: add one, e.g. certificateRefs: [CertificateRef.fromName('my-cert')] ` +
      '(or set implementation-specific tlsOptions that provide the certificate).',
    );
  }
}

/** Checks that `l` can join `existing`: unique name, distinct port/protocol/hostname, no TCP port sharing, max 64. */
export function checkListenerFits(where: string, ownerKind: string, existing: readonly Listener[], l: Listener): void {
  const what = `listener "${l.name}"`;
  if (existing.length >= MAX_LISTENERS) {
    throw new Error(`${where}: cannot add ${what}: a ${ownerKind} has at most ${MAX_LISTENERS} listeners (use a ListenerSet for more).`);
  }
  if (existing.some((e) => e.name === l.name)) {
    throw new Error(`${where}: a listener named "${l.name}" already exists: listener names must be unique within the ${ownerKind}; give this one another name.`);
  }
  const clash = existing.find((e) => e.port === l.port && e.protocol === l.protocol && e.hostname === l.hostname);
  if (clash) {
    throw new Error(
      `${where}: ${what} has the same port (${l.port}), protocol (${l.protocol}) and hostname (${l.hostname ? `"${l.hostname}"` : 'none'}) ` +
      `as listener "${clash.name}": listeners must be distinct; change the port or the hostname, or merge them.`,
    );
  }
  const http = ['HTTP', 'HTTPS', 'TLS'];
  const portShare = existing.find((e) => e.port === l.port
    && ((e.protocol === 'TCP' && http.includes(l.protocol)) || (l.protocol === 'TCP' && http.includes(e.protocol))));
  if (portShare) {
    throw new Error(
      `${where}: ${what} (${l.protocol}) shares port ${l.port} with listener "${portShare.name}" (${portShare.protocol}): a TCP listener ` +
      'cannot share its port with HTTP, HTTPS or TLS listeners (they would not be distinct and MUST NOT be accepted); use another port.',
    );
  }
}

/** The referent namespace to write in a reference: undefined when it is the referrer's own namespace. */
function refNamespace(ref: { readonly namespace?: string }, referrerNamespace: string | undefined): string | undefined {
  return ref.namespace !== undefined && ref.namespace !== referrerNamespace ? ref.namespace : undefined;
}

export function renderCertificateRef(ref: CertificateRef | CaCertificateRef, referrerNamespace: string | undefined): any {
  const ns = refNamespace(ref, referrerNamespace);
  return { group: ref.group, kind: ref.kind, name: ref.name, ...(ns !== undefined ? { namespace: ns } : {}) };
}

/** Makes sure a cross-namespace reference from the referrer is allowed by a ReferenceGrant (see ReferenceGrants). */
export function ensureRefGrant(
  referrer: IConstruct, referrerKind: string, referrerNamespace: string | undefined, ref: CertificateRef | CaCertificateRef,
): void {
  const ns = refNamespace(ref, referrerNamespace);
  if (ns === undefined) return;
  ReferenceGrants.ensure(referrer, {
    fromGroup: GATEWAY_GROUP,
    fromKind: referrerKind,
    fromNamespace: referrerNamespace ?? '',
    toGroup: ref.group,
    toKind: ref.kind,
    toName: ref.name,
    toNamespace: ns,
  }, ref._referent);
}

/** The L1 shape of a listener (the Gateway and ListenerSet listener types are the same). */
export function renderListener(l: Listener, referrerNamespace: string | undefined): any {
  const ns = l.allowedRoutes?.namespaces;
  const kinds = l.allowedRoutes?.kinds;
  const allowedRoutes = ns || (kinds && kinds.length > 0)
    ? {
      ...(ns ? { namespaces: { from: ns._from, ...(ns._selector ? { selector: renderSelector(ns._selector) } : {}) } } : {}),
      ...(kinds && kinds.length > 0
        ? { kinds: kinds.map((k) => (k.group === GATEWAY_GROUP ? { kind: k.kind } : { group: k.group, kind: k.kind })) }
        : {}),
    }
    : undefined;
  const hasTls = l.protocol === 'HTTPS' || l.protocol === 'TLS';
  const tls = hasTls
    ? {
      ...(l.tlsMode ? { mode: l.tlsMode } : {}),
      ...(l.certificateRefs.length > 0 ? { certificateRefs: l.certificateRefs.map((r) => renderCertificateRef(r, referrerNamespace)) } : {}),
      ...(l.tlsOptions && Object.keys(l.tlsOptions).length > 0 ? { options: { ...l.tlsOptions } } : {}),
    }
    : undefined;
  return {
    name: l.name,
    protocol: l.protocol,
    port: l.port,
    ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
    ...(tls ? { tls } : {}),
    ...(allowedRoutes ? { allowedRoutes } : {}),
  };
}

/** The parent a route attaches to, as the attachment check sees it. */
export interface AttachmentParent {
  /** e.g. `Gateway infra/shared` */
  readonly description: string;
  readonly namespace?: string;
  readonly listeners: readonly Listener[];
  readonly scope: IConstruct;
}

/**
 * Why a route may not attach to `parent` as `request` describes: an empty list when at least one selected listener
 * accepts it (or when it cannot be decided), else the reasons of every selected listener.
 */
export function checkAttachment(parent: AttachmentParent, request: RouteAttachmentRequest): string[] {
  const who = parent.description;
  let selected = [...parent.listeners];
  if (request.sectionName !== undefined) {
    selected = selected.filter((l) => l.name === request.sectionName);
    if (selected.length === 0) {
      const names = parent.listeners.map((l) => l.name);
      return [
        `${who} has no listener named "${request.sectionName}" (parentRef sectionName)` +
        (names.length > 0 ? `: use one of ${quoteList(names)}.` : ': it has no listeners yet.'),
      ];
    }
  }
  if (request.port !== undefined) {
    const onPort = selected.filter((l) => l.port === request.port);
    if (onPort.length === 0) {
      if (request.sectionName !== undefined) {
        return [`listener "${request.sectionName}" of ${who} listens on port ${selected[0].port}, not ${request.port} (parentRef port): fix the port or leave it unset.`];
      }
      const ports = [...new Set(parent.listeners.map((l) => l.port))].sort((a, b) => a - b);
      return [
        `${who} has no listener on port ${request.port} (parentRef port)` +
        (ports.length > 0 ? `: its listeners use port ${ports.join(', ')}.` : ': it has no listeners yet.'),
      ];
    }
    selected = onPort;
  }
  const reasons: string[] = [];
  let undecided: string | undefined;
  for (const l of selected) {
    const r = listenerRejections(parent, l, request);
    if (r.reasons.length === 0 && r.undecided === undefined) return [];
    if (r.reasons.length === 0) undecided = undecided ?? r.undecided;
    reasons.push(...r.reasons);
  }
  if (undecided !== undefined) {
    // no listener accepts the route for sure, and one might: accept, and say what would let synth decide
    _synthWarning(parent.scope, undecided);
    return [];
  }
  return reasons;
}

/** `HTTPRoute blog/api` (or `an HTTPRoute in namespace "blog"` when the request does not name the route). */
function describeRoute(req: RouteAttachmentRequest): string {
  if (req.routeName !== undefined) return `${req.routeKind} ${req.routeNamespace ? `${req.routeNamespace}/` : ''}${req.routeName}`;
  return `a ${req.routeKind}${req.routeNamespace ? ` in namespace "${req.routeNamespace}"` : ''}`;
}

/**
 * The warning for an attachment to a parent whose listeners are not known (imported without `listeners`): the
 * attachment is accepted unchecked.
 */
export function unknownListenersWarning(parentPath: string, description: string, importCall: string, req: RouteAttachmentRequest): string {
  return `${parentPath}: ${describeRoute(req)} attaches to ${description}${req.sectionName !== undefined ? ` (sectionName "${req.sectionName}")` : ''}, ` +
    'whose listeners are unknown, so synth cannot check the attachment (listener name and port, allowed route kinds and ' +
    `namespaces, hostnames): declare them with ${importCall}.`;
}

function listenerRejections(parent: AttachmentParent, l: Listener, req: RouteAttachmentRequest): { reasons: string[]; undecided?: string } {
  const out: string[] = [];
  let undecided: string | undefined;
  const who = `listener "${l.name}" of ${parent.description}`;
  const group = req.routeGroup ?? GATEWAY_GROUP;
  const kindName = group === GATEWAY_GROUP ? req.routeKind : `${req.routeKind} (${group})`;

  // 1. route kind
  const kinds = l.allowedRoutes?.kinds;
  if (kinds && kinds.length > 0) {
    if (!kinds.some((k) => k.group === group && k.kind === req.routeKind)) {
      out.push(
        `${who} allows ${kinds.map((k) => k.kind).join(', ')} routes only (allowedRoutes.kinds); a ${kindName} cannot attach: ` +
        'add its kind to allowedRoutes.kinds or attach to another listener.',
      );
    }
  } else if (group === GATEWAY_GROUP && DEFAULT_KINDS[l.protocol] && !DEFAULT_KINDS[l.protocol].includes(req.routeKind)) {
    const suitable = Object.keys(DEFAULT_KINDS).filter((p) => DEFAULT_KINDS[p].includes(req.routeKind));
    out.push(
      `${who} (protocol ${l.protocol}) accepts ${DEFAULT_KINDS[l.protocol].join(', ')} routes only; a ${kindName} cannot attach: ` +
      (suitable.length > 0 ? `attach it to a listener with protocol ${suitable.join(' or ')}.` : 'attach it to another listener.'),
    );
  }

  // 2. route namespace
  const ns = l.allowedRoutes?.namespaces;
  const from = ns?._from ?? 'Same';
  const routeNs = req.routeNamespace;
  if (from === 'Same') {
    if (routeNs !== undefined && parent.namespace !== undefined && routeNs !== parent.namespace) {
      out.push(
        `${who} allows routes from its own namespace "${parent.namespace}" only (allowedRoutes.namespaces.from: Same); ` +
        `route namespace "${routeNs}" is another: set allowedRoutes.namespaces on the listener (RouteNamespaces.all(), ` +
        `withLabels() or named(['${routeNs}'])) or move the route to "${parent.namespace}".`,
      );
    }
  } else if (from === 'Selector' && ns?._selector && routeNs !== undefined) {
    const { matches, known } = namespaceMatches(parent.scope, ns._selector, routeNs);
    if (matches === false) {
      out.push(
        `${who} allows routes from ${describeSelector(ns._selector)} only (allowedRoutes.namespaces.from: Selector); ` +
        `route namespace "${routeNs}" does not match (its labels: ${formatLabels(known.labels)}): label the namespace ` +
        'to match the selector or attach to another listener.',
      );
    } else if (matches === undefined) {
      undecided = `${parent.scope.node.path}: ${who} admits routes from ${describeSelector(ns._selector)} only ` +
        `(allowedRoutes.namespaces.from: Selector), but the labels of namespace "${routeNs}" are unknown (no Namespace ` +
        `object of that name in the app), so synth cannot check that ${describeRoute(req)} may attach: declare the ` +
        `namespace with its labels, e.g. new kplus.Namespace(chart, '${routeNs}', { metadata: { name: '${routeNs}', labels: { ... } } }) ` +
        'in a chart without a namespace.';
    }
  }

  // 3. hostnames
  const routeHosts = req.hostnames ?? [];
  if (l.hostname !== undefined && routeHosts.length > 0 && !routeHosts.some((h) => hostnamesIntersect(l.hostname!, h))) {
    out.push(
      `${who} has hostname "${l.hostname}", which matches none of the route hostnames ${quoteList(routeHosts)}: ` +
      'listener and route hostnames must intersect; fix the route hostnames or attach to another listener.',
    );
  }
  return { reasons: out, undecided: out.length === 0 ? undecided : undefined };
}

/** Why a ListenerSet in `listenerSetNamespace` may not attach to a Gateway with `allowed` (empty when it may). */
export function checkListenerSetAllowed(
  gatewayDescription: string, gatewayNamespace: string | undefined, allowed: AllowedListeners | undefined,
  listenerSetNamespace: string | undefined, scope: IConstruct,
): string[] {
  const from = allowed?.namespaces._from ?? 'None';
  if (from === 'None') {
    return [
      `${gatewayDescription} does not allow ListenerSets (allowedListeners.namespaces.from: None${allowed ? '' : ', the default'}): ` +
      'set allowedListeners: { namespaces: ListenerNamespaces.same() } (or all(), withLabels(), named()) on the Gateway.',
    ];
  }
  if (from === 'Same') {
    if (listenerSetNamespace !== undefined && gatewayNamespace !== undefined && listenerSetNamespace !== gatewayNamespace) {
      return [
        `${gatewayDescription} allows ListenerSets from its own namespace "${gatewayNamespace}" only (allowedListeners.namespaces.from: Same); ` +
        `the ListenerSet is in namespace "${listenerSetNamespace}": allow its namespace on the Gateway or move the ListenerSet.`,
      ];
    }
    return [];
  }
  const selector = allowed?.namespaces._selector;
  if (from === 'Selector' && selector && listenerSetNamespace !== undefined) {
    const { matches, known } = namespaceMatches(scope, selector, listenerSetNamespace);
    if (matches === false) {
      return [
        `${gatewayDescription} allows ListenerSets from ${describeSelector(selector)} only (allowedListeners.namespaces.from: Selector); ` +
        `namespace "${listenerSetNamespace}" does not match (its labels: ${formatLabels(known.labels)}): label the namespace to match.`,
      ];
    }
    if (matches === undefined) {
      _synthWarning(scope, `${scope.node.path}: ${gatewayDescription} admits ListenerSets from ${describeSelector(selector)} only ` +
        `(allowedListeners.namespaces.from: Selector), but the labels of namespace "${listenerSetNamespace}" are unknown (no Namespace ` +
        'object of that name in the app), so synth cannot check that a ListenerSet there may attach: declare the namespace with its ' +
        `labels, e.g. new kplus.Namespace(chart, '${listenerSetNamespace}', { metadata: { name: '${listenerSetNamespace}', labels: { ... } } }).`);
    }
  }
  return [];
}

/** Renders `allowedListeners`. */
export function renderAllowedListeners(allowed: AllowedListeners): any {
  const ns = allowed.namespaces;
  return { namespaces: { from: ns._from, ...(ns._selector ? { selector: renderSelector(ns._selector) } : {}) } };
}
