/**
 * Diagram graphs cut from the report model: which nodes, edges and namespace clusters a view shows. The DOT and
 * Mermaid emitters only format these graphs, so both draw the same picture.
 */
import { _compare as cmp, GatewayItem, ListenerItem, ModelObject, ReportModel, ReportState, RouteItem, STATE_ICON } from './model';

/** How much of each route a view draws. */
export type Detail = 'full' | 'routes' | 'groups';

export interface GraphNode {
  /** The model id (`gw:infra/shared`). */
  readonly id: string;
  /** The diagram id (`n12`): the same for an object in every view. */
  readonly key: string;
  /** gateway, listener, route, rule, backend, class, policy, group */
  readonly type: string;
  readonly lines: string[];
  readonly state: ReportState;
  /** The namespace cluster it is drawn in (none: cluster-scoped). */
  readonly namespace?: string;
  /** For group nodes: the route ids inside. */
  readonly members?: string[];
}

export type EdgeStyle = 'class' | 'listener' | 'attached' | 'notAccepted' | 'rule' | 'backend' | 'grantOk' | 'grantMissing' | 'policy';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly style: EdgeStyle;
  readonly label?: string;
}

export interface Graph {
  readonly title: string;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

/** A view of the HTML report (and of `--gateway` for the text formats). */
export interface ViewSpec {
  /** `all`, `overview` or `gw:<ns>/<name>`. */
  readonly id: string;
  readonly title: string;
  readonly detail: Detail;
  /** Limit to one Gateway (and its routes). */
  readonly gatewayId?: string;
}

/** Routes above which the report splits into per-Gateway views and collapses routes into groups. */
export const LARGE_APP_ROUTES = 150;
/** Gateway listeners above which the report splits into per-Gateway views, too. */
export const LARGE_APP_LISTENERS = 150;
/**
 * In a large app, a Gateway's view draws its routes one by one up to this many routes (with their rules and backends
 * when the whole app has at most LARGE_APP_ROUTES routes; else those are in the routing tables), and namespace groups
 * above.
 */
export const VIEW_DETAIL_ROUTES = 40;

/** Diagram keys: `n<index>` in model order, so an object has the same key in every view and every run. */
export function diagramKeys(model: ReportModel): Map<string, string> {
  const keys = new Map<string, string>();
  let i = 0;
  for (const id of model.byId.keys()) keys.set(id, `n${i++}`);
  return keys;
}

/** The views of a report: one for small apps; an overview and one per Gateway for large ones. */
export function viewsOf(model: ReportModel): ViewSpec[] {
  const listeners = model.gateways.reduce((n, g) => n + g.listeners.length, 0);
  if (model.routes.length <= LARGE_APP_ROUTES && listeners <= LARGE_APP_LISTENERS) return [{ id: 'all', title: 'All objects', detail: 'full' }];
  const views: ViewSpec[] = [{ id: 'overview', title: `Overview (${model.gateways.length} Gateways, ${model.routes.length} routes)`, detail: 'groups' }];
  for (const g of model.gateways) {
    const n = routesOf(model, g.id).length;
    views.push({ id: g.id, title: `Gateway ${g.namespace}/${g.name} (${n} routes)`, gatewayId: g.id, detail: n > VIEW_DETAIL_ROUTES ? 'groups' : model.routes.length <= LARGE_APP_ROUTES ? 'full' : 'routes' });
  }
  return views;
}

/** The ids of the Gateway `gatewayId` and of its ListenerSets: the parents a route of its view names. */
function ownersOf(model: ReportModel, gatewayIds: Set<string>): Set<string> {
  return new Set([...gatewayIds, ...model.listenerSets.filter((l) => l.parentId !== undefined && gatewayIds.has(l.parentId)).map((l) => l.id)]);
}

function routesOf(model: ReportModel, gatewayId: string): RouteItem[] {
  const owners = ownersOf(model, new Set([gatewayId]));
  return model.routes.filter((r) => r.parents.some((p) => owners.has(p.gatewayId)));
}

function describe(o: ModelObject, head: string, extra: string[] = [], okWord = 'Accepted'): string[] {
  const icon = STATE_ICON[o.state];
  const state = o.state === 'ok' ? okWord : o.state === 'conflicted' ? `Conflicted${o.reason ? ': ' + o.reason : ''}`
    : o.state === 'unknown' ? `unknown${o.reason ? ': ' + o.reason : ''}` : o.reason ?? o.state;
  return [`${icon} ${head}`, ...extra, state];
}

function listenerLines(l: ListenerItem): string[] {
  return describe(l, `listener ${l.name}`, [
    `${l.protocol}${l.port !== undefined ? ' :' + l.port : ''}`,
    `host ${l.hostname ?? '*'}`,
    ...(l.tls ? [`TLS ${l.tls}`] : []),
    `${l.attachedRoutes} route(s)`,
  ]);
}

/** Cuts the graph of one view out of the model. */
export function buildGraph(model: ReportModel, view: ViewSpec, keys: Map<string, string> = diagramKeys(model)): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<string>();
  const node = (o: ModelObject, type: string, lines: string[], extra: Partial<GraphNode> = {}) => {
    if (!nodes.has(o.id)) nodes.set(o.id, { id: o.id, key: keys.get(o.id) ?? o.id, type, lines, state: o.state, namespace: o.namespace, ...extra });
  };
  const edge = (from: string, to: string, style: EdgeStyle, label?: string) => {
    const k = `${from}>${to}>${style}>${label ?? ''}`;
    if (edgeKeys.has(k)) return;
    edgeKeys.add(k);
    edges.push({ from, to, style, label });
  };
  const gateways: GatewayItem[] = view.gatewayId ? model.gateways.filter((g) => g.id === view.gatewayId) : model.gateways;
  const gatewayIds = ownersOf(model, new Set(gateways.map((g) => g.id)));
  // the whole-app view also draws ListenerSets whose Gateway is not in the input
  if (view.gatewayId === undefined) for (const ls of model.listenerSets) gatewayIds.add(ls.id);
  const overview = view.id === 'overview';
  /** The Gateway a parent (Gateway or ListenerSet) belongs to. */
  const gatewayOf = (id: string) => (model.byId.get(id) as GatewayItem | undefined)?.parentId ?? id;

  for (const g of gateways) {
    const cls = g.classId ? model.byId.get(g.classId) : undefined;
    if (cls) {
      node(cls, 'class', describe(cls, `GatewayClass ${cls.name}`, [(cls as any).controllerName ?? ''], cls.status ? 'Accepted' : 'in the input').filter((s) => s !== ''), { namespace: undefined });
      edge(cls.id, g.id, 'class');
    }
    node(g, 'gateway', describe(g, `Gateway ${g.name}`, [`class ${g.className}`, `${g.listeners.length} listener(s)`]));
    if (!overview) {
      for (const l of g.listeners) {
        node(l, 'listener', listenerLines(l));
        edge(g.id, l.id, 'listener');
      }
    }
  }
  if (!overview) {
    for (const ls of model.listenerSets.filter((l) => gatewayIds.has(l.id))) {
      node(ls, 'gateway', describe(ls, `ListenerSet ${ls.name}`, [`${ls.listeners.length} listener(s)`]));
      if (model.byId.has(ls.parentId!)) edge(ls.parentId!, ls.id, ls.state === 'error' ? 'notAccepted' : 'attached', ls.state === 'error' ? ls.reason : undefined);
      for (const l of ls.listeners) {
        node(l, 'listener', listenerLines(l));
        edge(ls.id, l.id, 'listener');
      }
    }
  }

  const routes = model.routes.filter((r) => view.gatewayId === undefined || r.parents.some((p) => gatewayIds.has(p.gatewayId)));
  if (view.detail === 'groups') {
    // routes collapsed per namespace (and per listener they attach to)
    const groups = new Map<string, { ns: string; routes: RouteItem[] }>();
    const groupKey = (r: RouteItem, parentId: string) => `group:${view.id}:${r.namespace}${overview ? ':' + gatewayOf(parentId) : ''}`;
    for (const r of routes) {
      for (const p of r.parents) {
        if (!gatewayIds.has(p.gatewayId)) continue;
        const k = groupKey(r, p.gatewayId);
        const g = groups.get(k) ?? { ns: r.namespace!, routes: [] };
        if (g.routes[g.routes.length - 1] !== r) g.routes.push(r);
        groups.set(k, g);
      }
    }
    let groupCount = 0;
    for (const [k, g] of [...groups].sort((a, b) => cmp(a[0], b[0]))) {
      const bad = g.routes.filter((r) => r.state === 'error').length;
      const unknown = g.routes.filter((r) => r.state === 'unknown').length;
      const state: ReportState = bad > 0 ? 'error' : unknown > 0 ? 'unknown' : g.routes.some((r) => r.state !== 'ok') ? 'warning' : 'ok';
      const key = `g${groupCount++}`;
      nodes.set(k, {
        id: k,
        key,
        type: 'group',
        state,
        namespace: g.ns,
        members: g.routes.map((r) => r.id),
        lines: [`${STATE_ICON[state]} ${g.routes.length} route(s) in ${g.ns}`, ...(bad > 0 ? [`${bad} not accepted`] : []), ...(unknown > 0 ? [`${unknown} unknown`] : [])],
      });
    }
    for (const r of routes) {
      for (const p of r.parents) {
        if (!gatewayIds.has(p.gatewayId)) continue;
        const k = groupKey(r, p.gatewayId);
        const targets = overview ? [gatewayOf(p.gatewayId)] : p.listenerIds.length > 0 ? p.listenerIds : [p.sectionListenerId ?? p.gatewayId];
        for (const t of targets) edge(t, k, p.accepted || overview ? 'attached' : 'notAccepted');
      }
    }
  } else {
    for (const r of routes) {
      const hosts = r.hostnames.length > 0 ? r.hostnames : ['(listener hostname)'];
      node(r, 'route', describe(r, `${r.kind} ${r.name}`, hosts.slice(0, 4).concat(hosts.length > 4 ? [`+${hosts.length - 4} more`] : [])));
      for (const p of r.parents) {
        if (!model.byId.has(p.gatewayId)) continue;
        if (!gatewayIds.has(p.gatewayId)) continue;
        if (p.accepted && p.listenerIds.length > 0) for (const l of p.listenerIds) edge(l, r.id, 'attached');
        else if (p.listenerIds.length > 0) for (const l of p.listenerIds) edge(l, r.id, 'notAccepted', p.reason);
        else edge(p.sectionListenerId ?? p.gatewayId, r.id, 'notAccepted', p.reason);
      }
      if (view.detail !== 'full') continue;
      for (const rule of r.rules) {
        node(rule, 'rule', [`rule ${rule.index}${rule.ruleName ? ' ' + rule.ruleName : ''}`, ...rule.matches.slice(0, 3), ...(rule.matches.length > 3 ? [`+${rule.matches.length - 3} more`] : []),
          ...rule.filters.map((f) => `filter: ${f}`)]);
        edge(r.id, rule.id, 'rule');
        for (const b of rule.backends) {
          const t = model.byId.get(b.targetId)!;
          node(t, 'backend', describe(t, `${t.kind} ${t.name}`, [], 'in the input'));
          const weight = `${b.percent}%${b.port !== undefined ? ' :' + b.port : ''}`;
          if (b.crossNamespace) {
            if (b.crossNamespace.grant) edge(rule.id, t.id, 'grantOk', `${weight}\nReferenceGrant ${b.crossNamespace.grant}`);
            else edge(rule.id, t.id, 'grantMissing', `${weight}\nno ReferenceGrant`);
          } else {
            edge(rule.id, t.id, 'backend', weight);
          }
        }
      }
    }
  }

  // policies attached where they target
  for (const p of model.policies) {
    const targets = p.targetIds.filter((t) => nodes.has(t));
    if (targets.length === 0) continue;
    node(p, 'policy', describe(p, `${p.kind} ${p.name}`, [], 'target found'));
    for (const t of targets) edge(p.id, t, 'policy', 'targets');
  }

  // model order (the diagram keys are n<model index>); group nodes after the objects
  const rank = (n: GraphNode) => (n.type === 'group' ? Number.MAX_SAFE_INTEGER : Number(n.key.slice(1)));
  const sortedNodes = [...nodes.values()].sort((a, b) => rank(a) - rank(b) || cmp(a.id, b.id));
  return { title: view.title, nodes: sortedNodes, edges };
}
