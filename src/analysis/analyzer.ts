import { _analyze } from './engine';
import { _impliedObjects } from './implied';
import { AnalysisFinding, AnalysisOptions, AnalysisParentRef, FindingSeverity, RouteParentResult } from './types';

/**
 * The result of an attachment analysis.
 */
export class AnalysisReport {
  /**
   * Shallow copies of the input objects: GatewayClasses, Gateways, ListenerSets, routes and BackendTLSPolicies
   * (`status.ancestors`) carry the predicted `status` stanza (a new object); every other field is shared with the
   * input object, so do not modify them.
   */
  public readonly objects: any[];

  /** Every problem found: errors (would not work) and warnings (probably not intended). */
  public readonly findings: AnalysisFinding[];

  /** The predicted attachment of every route to every parent it names, in analysis order. */
  public readonly routeResults: RouteParentResult[];

  /** @internal */
  public constructor(objects: any[], findings: AnalysisFinding[], routeResults: RouteParentResult[]) {
    this.objects = objects;
    this.findings = findings;
    this.routeResults = routeResults;
  }

  /** The findings of severity ERROR. */
  public errors(): AnalysisFinding[] {
    return this.findings.filter((f) => f.severity === FindingSeverity.ERROR);
  }

  /** The findings of severity WARNING. */
  public warnings(): AnalysisFinding[] {
    return this.findings.filter((f) => f.severity === FindingSeverity.WARNING);
  }

  /**
   * A plain-text summary for terminals and CI logs: a table with one line per route and parent (Accepted,
   * ResolvedRefs, reason), then every finding with its message and fix, then the counts.
   */
  public summary(): string {
    return formatSummary(this);
  }
}

/**
 * Predicts, offline, the status a conformant Gateway API v1.6.1 controller would write for GatewayClasses, Gateways,
 * ListenerSets, routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute; Gateway, ListenerSet and mesh Service
 * parents) and BackendTLSPolicies: which routes attach to which listeners, and why the others do not, with the
 * spec's own condition types and reasons. What only the cluster can tell is written as `Unknown`, with the reason.
 *
 * Works on plain manifest objects (e.g. the `toJson()` of an App's ApiObjects, or parsed YAML files).
 */
export class GatewayApiAnalyzer {
  /**
   * Analyses `objects`: GatewayClasses, Gateways, ListenerSets, routes, ReferenceGrants, BackendTLSPolicies and the
   * core objects they refer to (Services, Secrets, ConfigMaps, Namespaces with labels). Other objects are ignored.
   * Objects that the input's annotations make a controller create count as existing: the certificate Secrets of a
   * Gateway annotated for cert-manager (`cert-manager.io/issuer` or `cert-manager.io/cluster-issuer`).
   * The input objects are not modified.
   */
  public analyze(objects: any[], options?: AnalysisOptions): AnalysisReport {
    const implied = _impliedObjects(objects, options?.defaultNamespace ?? 'default');
    const r = _analyze(objects, implied.length === 0 ? options ?? {}
      : { ...options, externalObjects: [...(options?.externalObjects ?? []), ...implied] });
    return new AnalysisReport(r.objects, r.findings, r.routes);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

function parentLabel(p: AnalysisParentRef): string {
  return `${p.kind}/${p.namespace}/${p.name}${p.sectionName !== undefined ? `#${p.sectionName}` : ''}${p.port !== undefined ? `:${p.port}` : ''}`;
}

function formatSummary(report: AnalysisReport): string {
  const out: string[] = [];
  const rows: string[][] = [['ROUTE', 'PARENT', 'ACCEPTED', 'RESOLVEDREFS', 'REASON', 'LISTENERS']];
  for (const r of report.routeResults) {
    const route = `${r.route.kind}/${r.route.namespace}/${r.route.name}`;
    const parent = parentLabel(r.parentRef);
    const reason = r.parentMissing
      ? (r.acceptedReason === 'NoMatchingParent' ? 'NoMatchingParent (parent not found)' : 'parent not in input (unknown)')
      : r.accepted !== 'True' ? r.acceptedReason : r.resolvedRefs !== 'True' ? r.resolvedRefsReason : 'Accepted';
    rows.push([route, parent, r.accepted, r.resolvedRefs, reason, r.attachedListeners.map((l) => l.split('/').pop()).join(',') || '-']);
  }
  out.push(rows.length > 1 ? table(rows) : 'No routes.');
  if (report.findings.length > 0) {
    // every finding, route ones included, with its message and fix (the table above has only the reason)
    out.push('', 'FINDINGS');
    for (const f of report.findings) {
      const o = f.objectRef;
      const p = f.parentRef;
      const parent = p ? ` -> ${parentLabel(p)}` : '';
      out.push(`${f.severity.padEnd(7)}  ${o.kind}/${o.namespace ? o.namespace + '/' : ''}${o.name}${parent}: ${f.conditionType} ${f.reason}`);
      out.push(`         ${f.message}`);
      if (f.fix) out.push(`         fix: ${f.fix}`);
    }
  }
  const e = report.errors().length;
  const w = report.warnings().length;
  out.push('');
  out.push(`${e} error(s), ${w} warning(s).`);
  return out.join('\n') + '\n';
}
