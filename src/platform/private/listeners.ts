import { IConstruct } from 'constructs';
import { RouteAttachmentRequest } from '../../core/route-parent';
import { AttachmentListener, AttachmentReason, checkAttachment as checkSpecAttachment, listenerSetAdmitted } from '../../core/spec/attachment';
import { KnownLabels } from '../../core/spec/labels';
import { GATEWAY_GROUP, ROUTE_KINDS } from '../../core/spec/names';
import {
  compatibleRouteKinds, defaultRouteKinds, isCoreProtocol, isDomainPrefixedProtocol, protocolHasTls, protocolsForRouteKind,
  protocolTakesHostname,
} from '../../core/spec/protocols';
import { ReferenceGrants } from '../../grants/reference-grants';
import { AllowedListeners } from '../allowed-listeners';
import { CaCertificateRef, CertificateRef } from '../certificate-ref';
import { Listener, ListenerTlsMode } from '../listener';
import { describeSelector, knownNamespaceLabels, namespaceMatches, renderSelector } from './selector';
import { checkAnnotations, checkHostname, checkPort, checkSectionName, formatLabels, quoteList } from './validation';
import { _synthWarning } from '../../core/warnings';

export { GATEWAY_GROUP };
export const MAX_LISTENERS = 64;

/**
 * Validates a listener on its own. `owned` is false for the listeners of an imported Gateway or ListenerSet, which
 * only describe what exists (their TLS settings are not checked).
 */
export function validateListener(where: string, l: Listener, owned: boolean): void {
  checkSectionName(where, 'listener name', l.name);
  const what = `listener "${l.name}"`;
  checkPort(where, `${what} port`, l.port);
  if (!isCoreProtocol(l.protocol)) {
    if (isCoreProtocol(l.protocol.toUpperCase())) {
      throw new Error(`${where}: ${what} protocol "${l.protocol}" is a core protocol: use Listener.${l.protocol.toLowerCase()}() instead of Listener.custom().`);
    }
    if (!isDomainPrefixedProtocol(l.protocol)) {
      throw new Error(`${where}: ${what} protocol "${l.protocol}" is not valid: implementation-specific protocols are domain-prefixed, e.g. "example.com/quic".`);
    }
  }
  if (l.hostname !== undefined) {
    if (!protocolTakesHostname(l.protocol)) {
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
      if (!ROUTE_KINDS.includes(k.kind)) {
        throw new Error(`${where}: ${what} allowedRoutes.kinds has "${k.kind}", which is not a Gateway API route kind: use one of ${quoteList(ROUTE_KINDS)} (e.g. RouteKind.HTTP_ROUTE).`);
      }
      const compatible = compatibleRouteKinds(l.protocol);
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
  const hasTls = protocolHasTls(l.protocol);
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
  const hasTls = protocolHasTls(l.protocol);
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

/** A listener as the semantics core sees it, with its L2 value for the messages. */
interface SpecListener extends AttachmentListener {
  readonly l2: Listener;
}

function specListener(l: Listener, namespace: string | undefined): SpecListener {
  const ns = l.allowedRoutes?.namespaces;
  return {
    l2: l,
    name: l.name,
    port: l.port,
    protocol: l.protocol,
    hostname: l.hostname,
    namespace,
    allowedRoutes: {
      ...(ns ? { namespaces: { from: ns._from, selector: ns._selector } } : {}),
      ...(l.allowedRoutes?.kinds ? { kinds: l.allowedRoutes.kinds.map((k) => ({ group: k.group, kind: k.kind })) } : {}),
    },
  };
}

/**
 * Why a route may not attach to `parent` as `request` describes: an empty list when at least one selected listener
 * accepts it (or when it cannot be decided), else the reasons of every selected listener. The verdict is the
 * semantics core's (`core/spec/attachment`); this function only words it.
 */
export function checkAttachment(parent: AttachmentParent, request: RouteAttachmentRequest): string[] {
  const who = parent.description;
  const listeners = parent.listeners.map((l) => specListener(l, parent.namespace));
  const labelsOf = (ns: string): KnownLabels => knownNamespaceLabels(parent.scope, ns);
  const verdict = checkSpecAttachment(
    listeners,
    { sectionName: request.sectionName, port: request.port },
    { group: request.routeGroup ?? GATEWAY_GROUP, kind: request.routeKind, namespace: request.routeNamespace, hostnames: request.hostnames },
    labelsOf,
  );
  if (verdict.accepted) {
    // accepted only by listeners whose namespace rule could not be decided: accept, and say what would let synth decide
    if (!verdict.listeners.some((v) => v.attaches && v.namespaceAdmitted === true)) {
      const open = verdict.listeners.find((v) => v.attaches && v.namespaceAdmitted === undefined);
      if (open) _synthWarning(parent.scope, undecidedNamespaceWarning(parent, open.listener.l2, request));
    }
    return [];
  }
  switch (verdict.unmatched) {
    case 'listeners': return []; // a parent without known listeners: nothing to check
    case 'sectionName': {
      const names = parent.listeners.map((l) => l.name);
      return [
        `${who} has no listener named "${request.sectionName}" (parentRef sectionName)` +
        (names.length > 0 ? `: use one of ${quoteList(names)}.` : ': it has no listeners yet.'),
      ];
    }
    case 'port': {
      if (request.sectionName !== undefined) {
        const named = parent.listeners.find((l) => l.name === request.sectionName)!;
        return [`listener "${request.sectionName}" of ${who} listens on port ${named.port}, not ${request.port} (parentRef port): fix the port or leave it unset.`];
      }
      const ports = [...new Set(parent.listeners.map((l) => l.port))].sort((a, b) => a - b);
      return [
        `${who} has no listener on port ${request.port} (parentRef port)` +
        (ports.length > 0 ? `: its listeners use port ${ports.join(', ')}.` : ': it has no listeners yet.'),
      ];
    }
    default: break;
  }
  const reasons: string[] = [];
  for (const v of verdict.listeners) {
    reasons.push(...listenerRejections(parent, v.listener.l2, request, {
      kind: v.kindAdmitted === false,
      namespace: v.namespaceAdmitted === false,
      hostname: v.hostnames.length === 0,
    }));
  }
  return reasons;
}

/** The reason an attachment check gives (for tests and tools that need the upstream reason, not the words). */
export function attachmentReason(parent: AttachmentParent, request: RouteAttachmentRequest): AttachmentReason {
  const listeners = parent.listeners.map((l) => specListener(l, parent.namespace));
  return checkSpecAttachment(
    listeners,
    { sectionName: request.sectionName, port: request.port },
    { group: request.routeGroup ?? GATEWAY_GROUP, kind: request.routeKind, namespace: request.routeNamespace, hostnames: request.hostnames },
    (ns) => knownNamespaceLabels(parent.scope, ns),
  ).reason;
}

/** `HTTPRoute blog/api` (or `an HTTPRoute in namespace "blog"` when the request does not name the route). */
function describeRoute(req: RouteAttachmentRequest): string {
  if (req.routeName !== undefined) return `${req.routeKind} ${req.routeNamespace ? `${req.routeNamespace}/` : ''}${req.routeName}`;
  return `a ${req.routeKind}${req.routeNamespace ? ` in namespace "${req.routeNamespace}"` : ''}`;
}

/** The warning for an attachment that only a listener selecting namespaces by labels the app does not know admits. */
function undecidedNamespaceWarning(parent: AttachmentParent, l: Listener, req: RouteAttachmentRequest): string {
  const selector = l.allowedRoutes?.namespaces?._selector;
  const routeNs = req.routeNamespace;
  const admits = `${parent.scope.node.path}: listener "${l.name}" of ${parent.description} admits routes from ` +
    `${selector ? describeSelector(selector) : 'namespaces selected by labels'} only (allowedRoutes.namespaces.from: Selector), `;
  if (routeNs === undefined) {
    return admits + `but ${describeRoute(req)} has no namespace (it lands in whatever namespace it is applied to), so synth ` +
      'cannot check that it may attach: give it a namespace (the chart\'s `namespace` or `metadata.namespace`) and declare ' +
      'that namespace with its labels, e.g. new kplus.Namespace(chart, \'team\', { metadata: { name: \'team\', labels: { ... } } }).';
  }
  return admits + `but the labels of namespace "${routeNs}" are unknown (no Namespace object of that name in the app), so synth cannot ` +
    `check that ${describeRoute(req)} may attach: declare the namespace with its labels, e.g. new kplus.Namespace(chart, ` +
    `'${routeNs}', { metadata: { name: '${routeNs}', labels: { ... } } }) in a chart without a namespace.`;
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

/** The words for each way listener `l` rejects the route (`rejects` says which). */
function listenerRejections(
  parent: AttachmentParent, l: Listener, req: RouteAttachmentRequest, rejects: { kind: boolean; namespace: boolean; hostname: boolean },
): string[] {
  const out: string[] = [];
  const who = `listener "${l.name}" of ${parent.description}`;
  const group = req.routeGroup ?? GATEWAY_GROUP;
  const kindName = group === GATEWAY_GROUP ? req.routeKind : `${req.routeKind} (${group})`;

  // 1. route kind
  if (rejects.kind) {
    const kinds = l.allowedRoutes?.kinds;
    if (kinds && kinds.length > 0) {
      out.push(
        `${who} allows ${kinds.map((k) => k.kind).join(', ')} routes only (allowedRoutes.kinds); a ${kindName} cannot attach: ` +
        'add its kind to allowedRoutes.kinds or attach to another listener.',
      );
    } else {
      const defaults = defaultRouteKinds(l.protocol) ?? [];
      const suitable = protocolsForRouteKind(req.routeKind);
      out.push(
        `${who} (protocol ${l.protocol}) accepts ${defaults.join(', ')} routes only; a ${kindName} cannot attach: ` +
        (suitable.length > 0 ? `attach it to a listener with protocol ${suitable.join(' or ')}.` : 'attach it to another listener.'),
      );
    }
  }

  // 2. route namespace
  const ns = l.allowedRoutes?.namespaces;
  const routeNs = req.routeNamespace;
  if (rejects.namespace && (ns?._from ?? 'Same') === 'Same') {
    out.push(
      `${who} allows routes from its own namespace "${parent.namespace}" only (allowedRoutes.namespaces.from: Same); ` +
      `route namespace "${routeNs}" is another: set allowedRoutes.namespaces on the listener (RouteNamespaces.all(), ` +
      `withLabels() or named(['${routeNs}'])) or move the route to "${parent.namespace}".`,
    );
  } else if (rejects.namespace && ns?._selector && routeNs !== undefined) {
    const { known } = namespaceMatches(parent.scope, ns._selector, routeNs);
    out.push(
      `${who} allows routes from ${describeSelector(ns._selector)} only (allowedRoutes.namespaces.from: Selector); ` +
      `route namespace "${routeNs}" does not match (its labels: ${formatLabels(known.labels)}): label the namespace ` +
      'to match the selector or attach to another listener.',
    );
  }

  // 3. hostnames
  if (rejects.hostname) {
    out.push(
      `${who} has hostname "${l.hostname}", which matches none of the route hostnames ${quoteList(req.hostnames ?? [])}: ` +
      'listener and route hostnames must intersect; fix the route hostnames or attach to another listener.',
    );
  }
  return out;
}

/** Why a ListenerSet in `listenerSetNamespace` may not attach to a Gateway with `allowed` (empty when it may). */
export function checkListenerSetAllowed(
  gatewayDescription: string, gatewayNamespace: string | undefined, allowed: AllowedListeners | undefined,
  listenerSetNamespace: string | undefined, scope: IConstruct,
): string[] {
  const selector = allowed?.namespaces._selector;
  const admitted = listenerSetAdmitted(
    allowed ? { from: allowed.namespaces._from, selector } : undefined, gatewayNamespace, listenerSetNamespace,
    (ns) => knownNamespaceLabels(scope, ns),
  );
  if (admitted === undefined && selector) {
    _synthWarning(scope, `${scope.node.path}: ${gatewayDescription} admits ListenerSets from ${describeSelector(selector)} only ` +
      `(allowedListeners.namespaces.from: Selector), but the labels of namespace "${listenerSetNamespace}" are unknown (no Namespace ` +
      'object of that name in the app), so synth cannot check that a ListenerSet there may attach: declare the namespace with its ' +
      `labels, e.g. new kplus.Namespace(chart, '${listenerSetNamespace}', { metadata: { name: '${listenerSetNamespace}', labels: { ... } } }).`);
  }
  if (admitted !== false) return [];
  switch (allowed?.namespaces._from ?? 'None') {
    case 'None':
      return [
        `${gatewayDescription} does not allow ListenerSets (allowedListeners.namespaces.from: None${allowed ? '' : ', the default'}): ` +
        'set allowedListeners: { namespaces: ListenerNamespaces.same() } (or all(), withLabels(), named()) on the Gateway.',
      ];
    case 'Same':
      return [
        `${gatewayDescription} allows ListenerSets from its own namespace "${gatewayNamespace}" only (allowedListeners.namespaces.from: Same); ` +
        `the ListenerSet is in namespace "${listenerSetNamespace}": allow its namespace on the Gateway or move the ListenerSet.`,
      ];
    default: {
      const { known } = namespaceMatches(scope, selector!, listenerSetNamespace!);
      return [
        `${gatewayDescription} allows ListenerSets from ${describeSelector(selector!)} only (allowedListeners.namespaces.from: Selector); ` +
        `namespace "${listenerSetNamespace}" does not match (its labels: ${formatLabels(known.labels)}): label the namespace to match.`,
      ];
    }
  }
}

/** Renders `allowedListeners`. */
export function renderAllowedListeners(allowed: AllowedListeners): any {
  const ns = allowed.namespaces;
  return { namespaces: { from: ns._from, ...(ns._selector ? { selector: renderSelector(ns._selector) } : {}) } };
}
