import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { _SynthPass, _SynthRunner } from './runner';
import { AnalysisReport, GatewayApiAnalyzer } from '../analysis/analyzer';
import { AnalysisFinding, AnalysisOptions, FindingSeverity, MissingReferencePolicy } from '../analysis/types';
import { CheckMode } from '../core/check-mode';
import { _grantRegistry } from '../grants/registry';

/** Options of `GatewayApiAnalysis.enable()`. */
export interface GatewayApiAnalysisOptions extends AnalysisOptions {
  /**
   * What the analysis does with its findings: ERROR fails synth on errors (and prints warnings), WARN prints both,
   * OFF does not analyse.
   * @default CheckMode.ERROR
   */
  readonly mode?: CheckMode;
}

/**
 * Runs the attachment analysis (`GatewayApiAnalyzer`) over every ApiObject of the App when it is synthesized, and
 * fails synth for routes that would not be Accepted or whose references would not resolve, and for invalid listeners.
 *
 * ```ts
 * GatewayApiAnalysis.enable(app); // or a Chart: the whole App is analysed either way
 * ```
 *
 * Unlike the engine, `missingReferences` defaults to `MissingReferencePolicy.UNKNOWN` here: an App rarely holds
 * every Service, Secret and GatewayClass it refers to. List the namespaces the App owns in `completeNamespaces`
 * to get `BackendNotFound`/`InvalidCertificateRef` for them.
 */
export class GatewayApiAnalysis {
  /**
   * Enables the analysis for the App of `scope` and returns it. Idempotent, like `GatewayApiValidation.enable`: a
   * second call for the same scope returns the same analysis, with the options it gives overriding those given
   * earlier (options left out keep their value).
   */
  public static enable(scope: IConstruct, options: GatewayApiAnalysisOptions = {}): GatewayApiAnalysis {
    let analysis = ENABLED.get(scope);
    if (!analysis) {
      analysis = new GatewayApiAnalysis(scope);
      ENABLED.set(scope, analysis);
    }
    analysis.configure(options);
    return analysis;
  }

  /**
   * The analysis of `scope`, enabling it when needed, e.g. `GatewayApiAnalysis.of(app).mode = CheckMode.WARN`.
   */
  public static of(scope: IConstruct): GatewayApiAnalysis {
    return GatewayApiAnalysis.enable(scope);
  }

  /**
   * The report of the last synth (undefined before the first synth).
   */
  public get lastReport(): AnalysisReport | undefined {
    return this._report;
  }

  /** What the analysis does with its findings (see `GatewayApiAnalysisOptions.mode`). */
  public get mode(): CheckMode {
    return this.options.mode ?? CheckMode.ERROR;
  }

  public set mode(mode: CheckMode) {
    this.configure({ mode });
  }

  private _report?: AnalysisReport;
  private options: GatewayApiAnalysisOptions = {};
  /** Counts the changes of the options: the analysis of a pass is for one version of them. */
  private optionsVersion = 0;
  private readonly runner: _SynthRunner;

  private constructor(private readonly scope: IConstruct) {
    this.runner = _SynthRunner.of(scope); // first: its validation on the App begins each synth's pass
    scope.node.addValidation({ validate: () => this.validate() });
  }

  /** Merges `options` into the current ones (set values override, unset ones keep theirs). */
  private configure(options: GatewayApiAnalysisOptions): void {
    if (options.mode !== undefined && !Object.values(CheckMode).includes(options.mode)) {
      throw new Error(`unknown analysis mode "${String(options.mode)}"`);
    }
    const merged: { [key: string]: unknown } = { ...this.options };
    for (const [k, v] of Object.entries(options)) if (v !== undefined) merged[k] = v;
    this.options = merged as GatewayApiAnalysisOptions;
    this.optionsVersion++;
  }

  /** The node validation hook: the analysis of the App, once per pass of the synth runner and version of the options. */
  private validate(): string[] {
    if (this.mode === CheckMode.OFF) return [];
    const pass = this.runner.pass();
    return pass.once(this, () => this.analyze(pass), String(this.optionsVersion));
  }

  private analyze(pass: _SynthPass): string[] {
    const apiObjects = this.scope.node.root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    const defaultNamespace = this.options.defaultNamespace ?? 'default';
    const manifests: any[] = [];
    const paths = new Map<string, string>();
    for (const o of apiObjects) {
      let json: any;
      try {
        json = pass.render(o);
      } catch {
        continue; // the object's own validation reports it
      }
      manifests.push(json);
      const group = typeof json.apiVersion === 'string' && json.apiVersion.includes('/') ? json.apiVersion.split('/')[0] : '';
      paths.set(`${group}|${json.kind}|${json.metadata?.namespace ?? defaultNamespace}|${json.metadata?.name}`, o.node.path);
    }
    // grants another team applies (ReferenceGrant.fromReferenceGrantName) exist in the cluster, though not in the output
    manifests.push(..._grantRegistry(this.scope).existingManifests);
    const report = new GatewayApiAnalyzer().analyze(manifests, {
      ...this.options,
      missingReferences: this.options.missingReferences ?? MissingReferencePolicy.UNKNOWN,
    });
    this._report = report;
    const where = (f: AnalysisFinding) => {
      const r = f.objectRef;
      return paths.get(`${r.group}|${r.kind}|${r.namespace ?? defaultNamespace}|${r.name}`)
        ?? paths.get(`${r.group}|${r.kind}|${defaultNamespace}|${r.name}`)
        ?? `${r.kind} ${r.namespace ? r.namespace + '/' : ''}${r.name}`;
    };
    const render = (f: AnalysisFinding) => `${where(f)}: [${f.conditionType}=${f.reason}] ${f.message}${f.fix ? ` Fix: ${f.fix}` : ''}`;
    const errors = report.findings.filter((f) => f.severity === FindingSeverity.ERROR).map(render);
    const warnings = report.findings.filter((f) => f.severity === FindingSeverity.WARNING).map(render);
    const mode = this.mode;
    const printed = mode === CheckMode.WARN ? [...errors, ...warnings] : warnings;
    for (const line of printed) process.stderr.write(`gateway-api analysis: ${line}\n`);
    return mode === CheckMode.ERROR ? errors : [];
  }
}

const ENABLED = new WeakMap<IConstruct, GatewayApiAnalysis>();
