/**
 * Mesh (GAMMA, GEP-1426) routes: a parentRef to a core Service (`group: ""`, `kind: Service`). The route applies to
 * traffic sent to that Service. A route in the Service's namespace is a *producer* route (all clients); a route in
 * another namespace is a *consumer* route (only clients in the route's namespace); neither needs a ReferenceGrant.
 * `port`/`sectionName` select one Service port (number / name; both must match when both are set). Internal.
 */
import { _AttachmentContext, _Cond } from './attachment-context';
import { AnalysisObjectRef, AnalysisParentRef, FindingSeverity, RouteParentResult } from './types';

/** Route kinds whose mesh attachment the GAMMA conformance profile covers. */
const MESH_KINDS = new Set(['HTTPRoute', 'GRPCRoute']);

/** The controller name written for mesh parents: no object of the input names the mesh's controller. @internal */
export const _MESH_CONTROLLER = 'unknown-controller/mesh';

/** Whether a parentRef names a mesh parent (a core Service). @internal */
export function _isMeshParent(group: string, kind: string): boolean {
  return group === '' && kind === 'Service';
}

/** The predicted attachment of a route to one Service parent. @internal */
export interface _MeshParentResult {
  /** The `status.parents[]` entry; undefined when the Service is not in the input (no status would be written). */
  readonly status?: any;
  readonly result: RouteParentResult;
}

/**
 * Predicts the attachment of route `kind` `ns/name` to the Service parent `pr` (as written); `refs` is the route's
 * ResolvedRefs condition (the same for every parent).
 * @internal
 */
export function _meshParent(
  ctx: _AttachmentContext, route: { kind: string; ns: string; name: string; ref: AnalysisObjectRef }, pr: any, refs: _Cond,
): _MeshParentResult {
  const svcNs: string = pr.namespace ?? route.ns;
  const parentRef: AnalysisParentRef = {
    group: '',
    kind: 'Service',
    name: pr.name,
    namespace: svcNs,
    ...(pr.sectionName !== undefined ? { sectionName: pr.sectionName } : {}),
    ...(pr.port !== undefined ? { port: pr.port } : {}),
  };
  const what = `${route.kind} ${route.ns}/${route.name}`;
  const state = ctx.refState('', 'Service', svcNs, pr.name);
  if (state !== 'found') {
    if (state === 'missing') {
      ctx.report({
        severity: FindingSeverity.ERROR,
        objectRef: route.ref,
        parentRef,
        conditionType: 'Accepted',
        reason: 'NoMatchingParent',
        message: `${what}: parent Service ${svcNs}/${pr.name} (mesh) is not in the input, so the mesh would not attach the route (no status entry would be written).`,
        fix: `Fix parentRefs (name/namespace), or declare Service ${svcNs}/${pr.name} as an external object.`,
      });
    }
    return {
      result: {
        route: route.ref,
        parentRef,
        controllerName: '',
        accepted: 'Unknown',
        acceptedReason: state === 'missing' ? 'NoMatchingParent' : 'Pending',
        resolvedRefs: 'Unknown',
        resolvedRefsReason: 'Pending',
        attachedListeners: [],
        parentMissing: true,
      },
    };
  }

  const svc = ctx.lookup('', 'Service', svcNs, pr.name);
  const ports: any[] = Array.isArray(svc?.spec?.ports) ? svc.spec.ports : [];
  const role = svcNs === route.ns
    ? 'producer route: applies to requests from every namespace'
    : `consumer route: applies only to requests from namespace "${route.ns}"`;
  let accepted: _Cond;
  let fix: string | undefined;
  if (!MESH_KINDS.has(route.kind)) {
    accepted = ctx.cond('Accepted', 'Unknown', 'Pending',
      `Mesh support for ${route.kind} is implementation-specific (the GAMMA conformance profile covers HTTPRoute and GRPCRoute); whether the mesh accepts it is not knowable offline.`);
  } else {
    const matched = ports.filter((p) =>
      (pr.port === undefined || p?.port === pr.port) && (pr.sectionName === undefined || p?.name === pr.sectionName));
    if ((pr.port !== undefined || pr.sectionName !== undefined) && matched.length === 0) {
      const asked = [pr.sectionName !== undefined ? `port name "${pr.sectionName}"` : '', pr.port !== undefined ? `port ${pr.port}` : ''].filter((s) => s).join(' and ');
      const available = ports.map((p) => `${p?.name ? `"${p.name}" ` : ''}${p?.port}`).join(', ') || 'none';
      accepted = ctx.cond('Accepted', 'False', 'NoMatchingParent', `Service ${svcNs}/${pr.name} has no port matching ${asked} (ports: ${available}).`);
      fix = `Set parentRefs port/sectionName to a port of Service ${svcNs}/${pr.name}: ${available}.`;
    } else {
      const scope = pr.port !== undefined || pr.sectionName !== undefined ? `port ${matched.map((p) => p.port).join(', ')}` : 'every port';
      accepted = ctx.cond('Accepted', 'True', 'Accepted', `Accepted by the mesh for Service ${svcNs}/${pr.name} (${scope}); ${role}.`);
    }
  }
  if (accepted.status === 'False') {
    ctx.report({
      severity: FindingSeverity.ERROR,
      objectRef: route.ref,
      parentRef,
      conditionType: 'Accepted',
      reason: accepted.reason,
      message: `${what} is not accepted by the mesh for Service ${svcNs}/${pr.name}: ${accepted.message}`,
      fix,
    });
  }
  if (refs.status === 'False') {
    ctx.report({
      severity: FindingSeverity.ERROR,
      objectRef: route.ref,
      parentRef,
      conditionType: 'ResolvedRefs',
      reason: refs.reason,
      message: `${what}: ${refs.message}`,
    });
  }
  const status = {
    parentRef: {
      group: '',
      kind: 'Service',
      ...(pr.namespace !== undefined ? { namespace: pr.namespace } : {}),
      name: pr.name,
      ...(pr.sectionName !== undefined ? { sectionName: pr.sectionName } : {}),
      ...(pr.port !== undefined ? { port: pr.port } : {}),
    },
    controllerName: _MESH_CONTROLLER,
    conditions: [accepted, refs],
  };
  return {
    status,
    result: {
      route: route.ref,
      parentRef,
      controllerName: _MESH_CONTROLLER,
      accepted: accepted.status,
      acceptedReason: accepted.reason,
      resolvedRefs: refs.status,
      resolvedRefsReason: refs.reason,
      attachedListeners: [],
      parentMissing: false,
    },
  };
}
