import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { toDot } from './dot';
import { buildGraph, Detail, viewsOf, ViewSpec } from './graph';
import { renderHtmlSync } from './html';
import { toMermaid } from './mermaid';
import { buildReportModel, ReportModel } from './model';
import { AnalysisOptions, MissingReferencePolicy } from '../analysis/types';
import { _grantRegistry } from '../grants/registry';
import { _SynthRunner } from '../synth/runner';

/** Options of a report (HTML, Mermaid or DOT). */
export interface GatewayApiReportOptions extends AnalysisOptions {
  /**
   * The title of the report and diagram.
   * @default "Gateway API topology"
   */
  readonly title?: string;

  /**
   * Mermaid and DOT only: draw one Gateway (`namespace/name`) with its listeners and routes.
   * @default - every Gateway
   */
  readonly gateway?: string;

  /**
   * Mermaid and DOT only: how much of each route to draw: `full` (routes, rules, backends with weights),
   * `routes` (route nodes only) or `groups` (routes collapsed into one node per namespace, with counts).
   * @default - `full` up to 150 routes and 150 listeners, `groups` above
   */
  readonly detail?: string;
}

/** Options of `GatewayApiReport.enable()`. */
export interface GatewayApiReportSynthOptions extends GatewayApiReportOptions {
  /**
   * The HTML file written at every synth (relative to the working directory); its directory is created.
   * @default "dist/gateway-api-report.html"
   */
  readonly file?: string;
}

const DETAILS: Detail[] = ['full', 'routes', 'groups'];

function graphView(model: ReportModel, options: GatewayApiReportOptions): ViewSpec {
  if (options.detail !== undefined && !DETAILS.includes(options.detail as Detail)) {
    throw new Error(`report: detail must be one of ${DETAILS.join(', ')} (got "${options.detail}")`);
  }
  const detail = options.detail as Detail | undefined;
  if (options.gateway !== undefined) {
    const g = model.gateways.find((x) => `${x.namespace}/${x.name}` === options.gateway);
    if (!g) {
      const known = model.gateways.map((x) => `${x.namespace}/${x.name}`);
      throw new Error(`report: no Gateway "${options.gateway}" in the input (Gateways: ${known.length > 0 ? known.join(', ') : 'none'}); use namespace/name`);
    }
    const auto = viewsOf(model).find((v) => v.gatewayId === g.id)?.detail ?? 'full';
    return { id: g.id, title: `Gateway ${g.namespace}/${g.name}`, gatewayId: g.id, detail: detail ?? auto };
  }
  const first = viewsOf(model)[0];
  return { id: 'all', title: options.title ?? model.title, detail: detail ?? first.detail };
}

/**
 * Diagrams and a self-contained HTML report of the Gateway API topology of manifests: GatewayClass → Gateway →
 * listeners → routes → rules → backends (with weights as percentages), namespaces as clusters, cross-namespace
 * references with the ReferenceGrant that allows them (red when none does), predicted status as colour and icon
 * (from `GatewayApiAnalyzer`), and the validation and analysis findings.
 *
 * ```ts
 * GatewayApiReport.enable(app, { file: 'dist/gateway-api-report.html' }); // written at every app.synth()
 * const mermaid = GatewayApiReport.mermaid(objects); // the manifests, e.g. parsed from dist/
 * ```
 */
export class GatewayApiReport {
  /**
   * Writes the HTML report of the App of `scope` at every synth (once per scope; a second call returns the first
   * instance). Graphviz runs in a child Node process, since synth is synchronous.
   *
   * Like `GatewayApiAnalysis`, `missingReferences` defaults to `MissingReferencePolicy.UNKNOWN` here.
   */
  public static enable(scope: IConstruct, options: GatewayApiReportSynthOptions = {}): GatewayApiReport {
    const existing = ENABLED.get(scope);
    if (existing) return existing;
    const report = new GatewayApiReport(scope, options);
    ENABLED.set(scope, report);
    return report;
  }

  /**
   * The HTML report of `manifests` (plain objects, e.g. parsed YAML or `chart.toJson()`): one self-contained page.
   */
  public static html(manifests: any[], options: GatewayApiReportOptions = {}): string {
    return renderHtmlSync(buildReportModel(manifests, options));
  }

  /** The Mermaid flowchart of `manifests` (for Markdown on GitHub and GitLab). */
  public static mermaid(manifests: any[], options: GatewayApiReportOptions = {}): string {
    const model = buildReportModel(manifests, options);
    return toMermaid(buildGraph(model, graphView(model, options)));
  }

  /** The Graphviz DOT text of `manifests`. */
  public static dot(manifests: any[], options: GatewayApiReportOptions = {}): string {
    const model = buildReportModel(manifests, options);
    return toDot(buildGraph(model, graphView(model, options)));
  }

  /** The file the report is written to. */
  public readonly file: string;

  private readonly runner: _SynthRunner;

  private constructor(private readonly scope: IConstruct, private readonly options: GatewayApiReportSynthOptions) {
    this.file = options.file ?? path.join('dist', 'gateway-api-report.html');
    this.runner = _SynthRunner.of(scope); // first: its validation on the App begins each synth's pass
    scope.node.addValidation({ validate: () => this.runner.pass().once(this, () => this.write()) });
  }

  /** Renders the report (once per pass of the App's synth runner: cdk8s runs validations once per chart). */
  private write(): string[] {
    const pass = this.runner.pass();
    const manifests: any[] = [];
    for (const c of this.scope.node.root.node.findAll()) {
      if (!(c instanceof ApiObject)) continue;
      try {
        manifests.push(pass.render(c));
      } catch {
        continue; // the object's own validation reports it
      }
    }
    // grants another team applies (ReferenceGrant.fromReferenceGrantName) exist in the cluster, though not in the output
    manifests.push(..._grantRegistry(this.scope).existingManifests);
    const html = GatewayApiReport.html(manifests, {
      ...this.options,
      missingReferences: this.options.missingReferences ?? MissingReferencePolicy.UNKNOWN,
    });
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    fs.writeFileSync(this.file, html);
    return [];
  }
}

const ENABLED = new WeakMap<IConstruct, GatewayApiReport>();
