/**
 * References: ReferenceGrant permission (core/spec/grants) and the backendRefs of routes (ResolvedRefs).
 * Part of the analysis engine (see engine.ts); internal.
 */
import { _Condition, cond, Ctx, GW, key, refState } from './context';
import { grantOfManifest } from '../core/spec/grants';

/** appProtocol values (Service ports) an HTTP-based route can speak to. */
const APP_PROTOCOLS: { [routeKind: string]: Set<string> } = {
  HTTPRoute: new Set(['http', 'https', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']),
  GRPCRoute: new Set(['grpc', 'http', 'https', 'h2c', 'kubernetes.io/h2c']),
};

export function indexGrant(ctx: Ctx, obj: any, ns: string): void {
  ctx.grants.add(grantOfManifest(obj, ns));
}

export function grantAllows(
  ctx: Ctx, fromGroup: string, fromKind: string, fromNs: string, toGroup: string, toKind: string, toName: string, toNs: string,
): boolean {
  return ctx.grants.permits({ fromGroup, fromKind, fromNamespace: fromNs, toGroup, toKind, toName, toNamespace: toNs });
}

export function refFix(reason: string): string | undefined {
  switch (reason) {
    case 'RefNotPermitted': return 'Add a ReferenceGrant in the backend\'s namespace that allows this route kind from the route\'s namespace.';
    case 'InvalidKind': return 'Refer to a core Service (group "", kind Service).';
    case 'BackendNotFound': return 'Create the Service (with that port), fix the backendRef, or declare the Service as an external object.';
    case 'UnsupportedProtocol': return 'Set the Service port appProtocol to a protocol the route kind can speak (e.g. http, kubernetes.io/h2c), or remove it.';
    default: return undefined;
  }
}

/** Every backendRef of a route (rule backends and RequestMirror backends), with where it is. */
export function backendRefsOf(obj: any): Array<{ ref: any; where: string }> {
  const out: Array<{ ref: any; where: string }> = [];
  const mirrors = (filters: any, where: string) => {
    if (!Array.isArray(filters)) return;
    filters.forEach((f: any, i: number) => {
      if (f?.type === 'RequestMirror' && f.requestMirror?.backendRef) out.push({ ref: f.requestMirror.backendRef, where: `${where}.filters[${i}].requestMirror.backendRef` });
    });
  };
  // schema-invalid shapes (a rule or backendRef that is not an object, a list that is not a list) are the
  // validator's to report: the analysis skips them instead of failing on them
  const list = (v: any): any[] => (Array.isArray(v) ? v : []);
  list(obj.spec?.rules).forEach((rule: any, r: number) => {
    mirrors(rule?.filters, `rules[${r}]`);
    list(rule?.backendRefs).forEach((b: any, i: number) => {
      if (b === null || typeof b !== 'object') return;
      out.push({ ref: b, where: `rules[${r}].backendRefs[${i}]` });
      mirrors(b?.filters, `rules[${r}].backendRefs[${i}]`);
    });
  });
  return out;
}

export function resolveBackendRefs(ctx: Ctx, obj: any, kind: string, ns: string): _Condition {
  const problems: Array<{ reason: string; message: string }> = [];
  for (const { ref, where } of backendRefsOf(obj)) {
    const group = ref.group ?? '';
    const bKind = ref.kind ?? 'Service';
    const bNs = ref.namespace ?? ns;
    const what = `${where} ${bKind} ${bNs}/${ref.name}`;
    if (!(group === '' && bKind === 'Service')) {
      problems.push({ reason: 'InvalidKind', message: `${what}: kind ${group ? group + '/' : ''}${bKind} is not a supported backend (core Service).` });
      continue;
    }
    if (bNs !== ns && !grantAllows(ctx, GW, kind, ns, '', 'Service', ref.name, bNs)) {
      problems.push({ reason: 'RefNotPermitted', message: `${what} is in another namespace and no ReferenceGrant in "${bNs}" allows ${kind}s from "${ns}" to refer to it.` });
      continue;
    }
    const state = refState(ctx, '', 'Service', bNs, ref.name);
    if (state === 'missing') {
      problems.push({ reason: 'BackendNotFound', message: `${what} does not exist.` });
      continue;
    }
    if (state !== 'found') continue;
    const svc = ctx.index.get(key('', 'Service', bNs, ref.name));
    const ports: any[] = svc?.spec?.ports;
    if (!svc || !Array.isArray(ports) || svc.spec?.type === 'ExternalName') continue;
    const port = ports.find((p) => p.port === ref.port);
    if (ref.port !== undefined && !port) {
      problems.push({ reason: 'BackendNotFound', message: `${what}: the Service has no port ${ref.port} (ports: ${ports.map((p) => p.port).join(', ')}).` });
      continue;
    }
    const allowedProtocols = APP_PROTOCOLS[kind];
    if (port?.appProtocol && allowedProtocols && !allowedProtocols.has(String(port.appProtocol).toLowerCase())) {
      problems.push({ reason: 'UnsupportedProtocol', message: `${what}: port ${ref.port} has appProtocol "${port.appProtocol}", which a ${kind} cannot speak.` });
    }
  }
  if (problems.length === 0) return cond(ctx, 'ResolvedRefs', 'True', 'ResolvedRefs', 'All references are resolved.');
  const shown = problems.slice(0, 5).map((p) => p.message);
  if (problems.length > 5) shown.push(`(${problems.length - 5} more)`);
  return cond(ctx, 'ResolvedRefs', 'False', problems[0].reason, shown.join(' '));
}
