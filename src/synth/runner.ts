import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { _currentSynthEpoch, _libraryVersion, _renderForChecks, _synthFingerprint } from '../core/epoch';

/**
 * The results of one synth of an App: every object rendered at most once for all the checks, and each check's
 * result computed at most once. A pass lasts while the App's fingerprint (`_synthFingerprint`) is unchanged, so
 * dropping the pass is the one place where every synth-time result is invalidated.
 * @internal
 */
export class _SynthPass {
  /**
   * Whether a cdk8s synth began or confirmed this pass (the runner's validation on the App, first in every sweep):
   * then the checks later in the sweep use it without walking the tree again.
   */
  public _confirmedBySweep = false;
  private readonly renders = new Map<ApiObject, any>();
  private readonly results = new Map<object, Map<unknown, unknown>>();

  /**
   * @param fingerprint the App's fingerprint when the pass began
   * @param epoch the synth epoch the pass belongs to
   * @param version the library version when the pass began
   */
  public constructor(public readonly fingerprint: string, public readonly epoch: number, public readonly version: number) {}

  /**
   * The manifest of `obj` (`obj.toJson()`), rendered once per pass for every check that reads it. Throws what
   * `toJson()` throws (an object that cannot be rendered fails the synth with cdk8s' own error). The result is
   * shared: callers must not modify it.
   */
  public render(obj: ApiObject): any {
    let json = this.renders.get(obj);
    if (json === undefined) {
      json = _renderForChecks(obj);
      this.renders.set(obj, json);
    }
    return json;
  }

  /**
   * The result of `compute` for `owner` (a check) and `variant` (what else the result depends on, e.g. the
   * implementation the feature lint checks against; compared as a Map key), computed once per pass.
   */
  public once<T>(owner: object, compute: () => T, variant?: unknown): T {
    let byVariant = this.results.get(owner);
    if (byVariant === undefined) {
      byVariant = new Map();
      this.results.set(owner, byVariant);
    }
    if (byVariant.has(variant)) return byVariant.get(variant) as T;
    const value = compute();
    byVariant.set(variant, value);
    return value;
  }

  /** Frees the renders (they are of no use once the synchronous run ended: the next synth begins another pass). */
  public _release(): void {
    this.renders.clear();
  }
}

interface ConstructCheck {
  readonly construct: IConstruct;
  readonly check: () => string[];
  /** Whether a validation that reports this check's errors was added to the construct. */
  reporting: boolean;
}

const RUNNERS = new WeakMap<IConstruct, _SynthRunner>();

/**
 * The one synth-time runner of an App. It owns the passes (`_SynthPass`) that the synth-time checks share: schema
 * validation (`GatewayApiValidation`), the attachment analysis (`GatewayApiAnalysis`), the feature lint, the HTML
 * report, and the cross-object checks of the L2 constructs (route attachment, ReferenceGrants, ListenerSet
 * attachment), which it runs itself.
 *
 * cdk8s validates the whole App once per `app.synth()` and once more per chart it writes, always starting at the
 * App. The runner's validation on the App runs first in each of those sweeps: it compares the fingerprint and begins
 * a new pass only when something changed. The checks' own validations, later in the sweep, use the pass without
 * walking the tree again. A validation on each chart runs the chart's cross-object checks once per pass and adds a
 * validation to each construct that has errors, which reports them under the construct's own path in the same sweep
 * (cdk8s visits a chart before the constructs below it).
 * @internal
 */
export class _SynthRunner {
  /** The runner of the App of `scope`, made on first use. */
  public static of(scope: IConstruct): _SynthRunner {
    const root = scope.node.root;
    let runner = RUNNERS.get(root);
    if (runner === undefined) {
      runner = new _SynthRunner(root);
      RUNNERS.set(root, runner);
    }
    return runner;
  }

  private current?: _SynthPass;
  /** The cross-object checks, per chart (or the App, for constructs outside a chart). */
  private readonly checks = new Map<IConstruct, ConstructCheck[]>();

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => { this.refresh()._confirmedBySweep = true; return []; } });
  }

  /**
   * Registers a cross-object check of `construct` (its errors, an empty list when it is fine), run once per pass;
   * its errors fail the synth under the construct's path. The checks run in a validation of the construct's chart,
   * which cdk8s visits before the constructs below it, also when only the chart is validated.
   */
  public addConstructCheck(construct: IConstruct, check: () => string[]): void {
    const holder = chartOf(construct) ?? this.root;
    let entries = this.checks.get(holder);
    if (entries === undefined) {
      const added: ConstructCheck[] = [];
      entries = added;
      this.checks.set(holder, added);
      holder.node.addValidation({ validate: () => this.runChecks(added) });
    }
    entries.push({ construct, check, reporting: false });
  }

  /**
   * The current pass. Within a cdk8s synth, that is the pass its sweep began or confirmed, while no construct of
   * this library changed since (no tree walk). Otherwise the fingerprint decides whether the last pass still holds.
   * Not seen: a change to an object the library did not make between a synth and a check called outside a synth
   * (e.g. a direct `node.validate()`) in the same synchronous run; the next synth sees it (its sweep begins at the App).
   */
  public pass(): _SynthPass {
    const p = this.current;
    if (p !== undefined && p._confirmedBySweep && p.epoch === _currentSynthEpoch() && p.version === _libraryVersion()) return p;
    return this.refresh();
  }

  /** The pass of the App as it is now: the last one when the fingerprint is the same, else a new one. */
  private refresh(): _SynthPass {
    const fingerprint = _synthFingerprint(this.root);
    if (this.current?.fingerprint === fingerprint) return this.current;
    const pass = new _SynthPass(fingerprint, _currentSynthEpoch(), _libraryVersion());
    this.current = pass;
    queueMicrotask(() => pass._release());
    return pass;
  }

  /**
   * Runs the cross-object checks of one chart (once per pass) and adds a validation to each construct with errors
   * (once), which reports the errors of the current pass under the construct's path.
   */
  private runChecks(entries: readonly ConstructCheck[]): string[] {
    const pass = this.pass();
    pass.once(entries, () => {
      for (const entry of entries) {
        if (entry.reporting || pass.once(entry, entry.check).length === 0) continue;
        entry.reporting = true;
        entry.construct.node.addValidation({ validate: () => this.pass().once(entry, entry.check) });
      }
      return true;
    });
    return [];
  }
}

/** The chart `construct` belongs to, or undefined outside charts. */
function chartOf(construct: IConstruct): IConstruct | undefined {
  try {
    return Chart.of(construct);
  } catch {
    return undefined;
  }
}
