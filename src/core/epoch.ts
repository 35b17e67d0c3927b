import { createHash, Hash } from 'crypto';
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * The synth-time memo of the library's app-wide checks, and the one file that relies on how cdk8s 2.70 works inside
 * (test/core/epoch-cdk8s.test.ts pins each of these, so a cdk8s upgrade that changes one fails there):
 * - cdk8s runs every construct validation of an app once per `app.synth()` and again for every chart it writes
 *   (`chart.toJson()` validates the whole app), so an app with N charts is validated N + 1 times per synth.
 *   App-wide checks (schema validation, attachment analysis, the route checks) therefore reuse their result while
 *   `_synthFingerprint` is unchanged: within one synchronous run (an "epoch", which ends when the event loop moves
 *   on) and while nothing they read changed.
 * - `ApiObject` keeps its JSON patches in a `patches` array, and its metadata in the fields of _METADATA_FIELDS; the
 *   metadata mutators are _METADATA_MUTATORS. The fingerprint reads those of the objects the library did not make.
 * - The L1 objects of the L2 constructs are adopted (`_adopt`): their `addJsonPatch` and metadata mutators count as
 *   library changes (`_touch`), as every L2 mutator does.
 * - A route's L1 object is an instance of a subclass of its L1 class (`_sharingRenders`) whose `toJson()` hands cdk8s
 *   the render the checks made moments before: rendering every route twice per synth costs about as much as the
 *   validation itself at 10,000 routes (the benchmark's 10k apps render in 1.7-2.3 s).
 */
let epoch = 0;
let epochEnding = false;

/**
 * The current epoch: the same number until the current synchronous run ends.
 * @internal
 */
export function _currentSynthEpoch(): number {
  if (!epochEnding) {
    epochEnding = true;
    queueMicrotask(() => {
      epoch++;
      epochEnding = false;
    });
  }
  return epoch;
}

let libraryVersion = 0;

/**
 * Records that a construct of this library changed (a mutator ran, or one was created), so that results memoized
 * with `_EpochMemo` are computed again.
 * @internal
 */
export function _touch(): void {
  libraryVersion++;
}

/**
 * A synth-time check result reused while nothing changed: within one synchronous run (see `_currentSynthEpoch`) and
 * as long as no construct of this library was created or changed. cdk8s validates the whole app once per chart, so
 * without it a route's checks would run N + 1 times per synth of an app with N charts.
 * @internal
 */
export class _EpochMemo<T> {
  private epoch = -1;
  private version = -1;
  private value?: T;

  public get(compute: () => T): T {
    const now = _currentSynthEpoch();
    if (this.epoch !== now || this.version !== libraryVersion || this.value === undefined) {
      this.value = compute();
      this.epoch = now;
      this.version = libraryVersion;
    }
    return this.value;
  }
}

/** The constructs the library made (an L2 and the L1 object it wraps): their changes come through `_touch`. */
const LIBRARY = new WeakSet<IConstruct>();

/**
 * The mutators of cdk8s' ApiObjectMetadataDefinition (2.70); a test pins the list (a new one must be added here).
 * @internal
 */
export const _METADATA_MUTATORS = ['add', 'addLabel', 'addAnnotation', 'addFinalizers', 'addOwnerReference'] as const;

/** Replaces `target[name]` on this instance by a wrapper that calls the original and then `_touch()`. */
function touchAfter(target: any, name: string): void {
  const original = target[name];
  if (typeof original !== 'function') throw new Error(`cdk8s changed: ${target.constructor?.name}.${name} is not a method (see src/core/epoch.ts)`);
  Object.defineProperty(target, name, {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      _touch();
      return result;
    },
  });
}

/**
 * Marks `obj`, the L1 object an L2 construct wraps, and that L2 as the library's: a JSON patch or a metadata change
 * on `obj` (the user's escape hatches) counts as a change of the library (`_touch`), like an L2 mutator, so the
 * synth-time checks see it in the very next synth, and `_synthFingerprint` need not look inside the L2.
 * @internal
 */
export function _adopt<T extends ApiObject>(obj: T): T {
  LIBRARY.add(obj);
  if (obj.node.scope) LIBRARY.add(obj.node.scope);
  touchAfter(obj, 'addJsonPatch');
  for (const name of _METADATA_MUTATORS) touchAfter(obj.metadata, name);
  return obj;
}

/**
 * A fingerprint of what the app-wide synth-time checks below `scope` (an App or a Chart) depend on: the synth epoch,
 * the library version (every L2 change, and JSON patches and metadata changes of the L1 objects the L2s wrap, see
 * `_adopt`), the constructs of the tree at every depth (the walk does not enter the library's L2 constructs, whose
 * changes the version counts), and the JSON patches and metadata of every other ApiObject. Equal fingerprints mean
 * the previous result still holds. Not covered within one synchronous run: a change to another construct's own state
 * that is neither a patch nor metadata (e.g. a port added to a cdk8s-plus Service) and a construct added inside an
 * L2 construct; the checks see those from the next run of the event loop on.
 * @internal
 */
export function _synthFingerprint(scope: IConstruct): string {
  let count = 0;
  let stamps: Hash | undefined; // made on the first object the library did not make (there are none in many apps)
  const visit = (c: IConstruct): void => {
    for (const child of c.node.children) {
      count++;
      if (LIBRARY.has(child)) continue;
      if (ApiObject.isApiObject(child)) (stamps ??= createHash('sha1')).update(foreignStamp(child)).update('\0');
      visit(child);
    }
  };
  visit(scope);
  return `${_currentSynthEpoch()}:${libraryVersion}:${count}:${stamps?.digest('base64') ?? ''}`;
}

/** What can change of an ApiObject the library did not make, short of rendering it: its JSON patches and metadata. */
function foreignStamp(obj: ApiObject): string {
  const patches = (obj as any).patches;
  return `${Array.isArray(patches) ? patches.length : JSON.stringify(obj.toJson())}|${metadataOf(obj)}`;
}

/** The app-wide checks of each App: whether each reads a given object (see `_renderedJson`). */
const CHECKS = new WeakMap<IConstruct, Map<string, (obj: ApiObject) => boolean>>();

/**
 * Registers an app-wide check (`name`: e.g. `validation`, `analysis`) of the App of `scope`, with the test of whether
 * it reads an object. The checks learn from here whether another check reads an object (so a render is kept for
 * it), without knowing each other. Registering a name again replaces its test.
 * @internal
 */
export function _registerAppCheck(scope: IConstruct, name: string, reads: (obj: ApiObject) => boolean): void {
  const root = scope.node.root;
  let checks = CHECKS.get(root);
  if (!checks) {
    checks = new Map();
    CHECKS.set(root, checks);
  }
  checks.set(name, reads);
}

/**
 * Whether an app-wide check other than `self` reads `obj`.
 * @internal
 */
export function _anotherCheckReads(obj: ApiObject, self: string): boolean {
  const checks = CHECKS.get(obj.node.root);
  if (!checks) return false;
  for (const [name, reads] of checks) if (name !== self && reads(obj)) return true;
  return false;
}

interface Render {
  readonly epoch: number;
  readonly version: number;
  readonly json: any;
  /** For an object whose output may reuse the render (see `_sharingRenders`): its metadata when rendered. */
  readonly metadata?: string;
}
const RENDERS = new WeakMap<ApiObject, Render>();

/** Objects whose written manifest may be the render the checks made, with the test that still allows it. */
const SHARING = new WeakMap<ApiObject, () => boolean>();

/**
 * Whether the written manifest of `obj` may be the render made for the checks: its L2 allows it (its spec reads
 * nothing but the library's own state) and it has no JSON patches (the user's escape hatch).
 */
function mayShare(obj: ApiObject): boolean {
  const allowed = SHARING.get(obj);
  if (allowed === undefined || !allowed()) return false;
  const patches = (obj as any).patches;
  return Array.isArray(patches) && patches.length === 0;
}

/**
 * The fields of cdk8s' ApiObjectMetadataDefinition (2.70), in order; another set means another implementation.
 * @internal
 */
export const _METADATA_FIELDS = 'name,labels,annotations,namespace,finalizers,ownerReferences,apiObject,_additionalAttributes';

/**
 * A fingerprint of the object's metadata (labels, annotations, … can change without the library): the fields its
 * `toJson()` writes, read as they are (resolving and sorting them costs as much again), or that `toJson()` itself
 * when the metadata object is not the implementation this knows.
 */
function metadataOf(obj: ApiObject): string {
  const m: any = obj.metadata;
  if (Object.keys(m).join(',') === _METADATA_FIELDS) {
    return JSON.stringify([m._additionalAttributes, m.labels, m.annotations, m.finalizers, m.ownerReferences]);
  }
  return JSON.stringify(obj.metadata.toJson());
}

function usable(obj: ApiObject, kept: Render): boolean {
  if (kept.epoch !== _currentSynthEpoch() || kept.version !== libraryVersion) return false;
  return kept.metadata === undefined || (mayShare(obj) && kept.metadata === metadataOf(obj));
}

/**
 * `obj.toJson()`, rendered once per synth for the library's two app-wide checks (schema validation and attachment
 * analysis) instead of once by each. The first check to read an object renders it and keeps the render when
 * `anotherCheckReads` (the other check is on for it); the other check takes it (it is kept no longer, so renders do
 * not stay in memory). For objects of the library's L2 constructs (see `_sharingRenders`), the render is kept for
 * the manifest cdk8s writes, too. A kept render is used only within the synchronous run and while no construct of
 * this library changed (as `_EpochMemo`); one kept for the written manifest also only while the object's metadata
 * is the same and it has no JSON patches. The result is shared: callers must not modify it.
 * @internal
 */
export function _renderedJson(obj: ApiObject, anotherCheckReads: boolean): any {
  const kept = RENDERS.get(obj);
  if (kept !== undefined) {
    if (usable(obj, kept)) {
      if (kept.metadata === undefined) RENDERS.delete(obj);
      return kept.json;
    }
    RENDERS.delete(obj);
  }
  const json = obj.toJson();
  const render = { epoch: _currentSynthEpoch(), version: libraryVersion, json };
  if (mayShare(obj)) RENDERS.set(obj, { ...render, metadata: metadataOf(obj) });
  else if (anotherCheckReads) RENDERS.set(obj, render);
  return json;
}

/**
 * The render the checks made of `obj` for its written manifest, taken (used once), or undefined.
 */
function takeForOutput(obj: ApiObject): any {
  const kept = RENDERS.get(obj);
  if (kept === undefined || kept.metadata === undefined) return undefined;
  RENDERS.delete(obj);
  return usable(obj, kept) ? kept.json : undefined;
}

const SHARING_CLASSES = new Map<Function, Function>();

/**
 * The L1 class `base`, extended so that its `toJson()` (what cdk8s writes) returns the render the synth-time checks
 * made moments before, instead of rendering the object a second time (see `_renderedJson`), when `allowed()` and
 * the object's metadata and JSON patches are unchanged. The object stays an instance of `base` (and jsii sees the
 * same type); `mayShare` is asked again when the manifest is written.
 * @internal
 */
export function _sharingRenders<T extends new (scope: IConstruct, id: string, props: any) => ApiObject>(base: T): T {
  let cls = SHARING_CLASSES.get(base);
  if (cls === undefined) {
    cls = class extends (base as new (scope: IConstruct, id: string, props: any) => ApiObject) {
      public toJson(): any {
        return takeForOutput(this) ?? super.toJson();
      }
    };
    SHARING_CLASSES.set(base, cls);
  }
  return cls as T;
}

/**
 * Lets the checks' render of `obj` (an instance of a `_sharingRenders` class) be its written manifest while
 * `allowed()`: the L2's spec reads nothing outside the library (e.g. no Service whose ports can change).
 * @internal
 */
export function _allowSharedRender(obj: ApiObject, allowed: () => boolean): void {
  SHARING.set(obj, allowed);
}

interface ChartCheck {
  readonly construct: IConstruct;
  readonly check: () => string[];
  readonly memo: _EpochMemo<string[]>;
  reporting: boolean;
}

const CHART_CHECKS = new WeakMap<IConstruct, _ChartChecks>();

/**
 * Construct checks run by one validation of their chart instead of one validation per construct. cdk8s calls every
 * construct's validations once per chart it writes, so per-construct callbacks cost constructs × charts calls per
 * synth even when memoized; here the chart runs its constructs' checks (once per synth, see `_EpochMemo`) and adds
 * a validation only to a construct that has errors, which reports them under the construct's own path. The chart
 * is validated before the constructs below it (cdk8s walks the tree in pre-order), so the errors are reported in
 * the same validation pass.
 * @internal
 */
export class _ChartChecks {
  /** Registers `check` (the errors of `construct`, an empty list when it is fine) with the chart of `construct`. */
  public static register(construct: IConstruct, check: () => string[]): void {
    const chart = Chart.of(construct);
    let checks = CHART_CHECKS.get(chart);
    if (!checks) {
      checks = new _ChartChecks(chart);
      CHART_CHECKS.set(chart, checks);
    }
    checks.entries.push({ construct, check, memo: new _EpochMemo<string[]>(), reporting: false });
  }

  private readonly entries: ChartCheck[] = [];
  private readonly pass = new _EpochMemo<string[]>();

  private constructor(chart: IConstruct) {
    chart.node.addValidation({ validate: () => this.pass.get(() => this.run()) });
  }

  private run(): string[] {
    for (const entry of this.entries) {
      if (entry.reporting) continue;
      if (entry.memo.get(entry.check).length === 0) continue;
      entry.reporting = true;
      entry.construct.node.addValidation({ validate: () => entry.memo.get(entry.check) });
    }
    return [];
  }
}
