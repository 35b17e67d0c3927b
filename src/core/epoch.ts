import { createHash, Hash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * What the synth runner (src/synth/runner.ts) needs to know whether anything changed, and the one file that relies
 * on how cdk8s 2.70 works inside (test/core/epoch-cdk8s.test.ts pins each of these, so a cdk8s upgrade that changes
 * one fails there):
 * - cdk8s runs every construct validation of an app once per `app.synth()` and again for every chart it writes
 *   (`chart.toJson()` validates the whole app, starting at the App), so an app with N charts is validated N + 1
 *   times per synth. The runner therefore reuses its results while `_synthFingerprint` is unchanged: within one
 *   synchronous run (an "epoch", which ends when the event loop moves on) and while nothing the checks read changed.
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
 * Records that a construct of this library changed (a mutator ran, or one was created), so that the synth runner's
 * results are computed again.
 * @internal
 */
export function _touch(): void {
  libraryVersion++;
}

/**
 * The number of library changes so far (see `_touch`): part of `_synthFingerprint`, and what the runner compares to
 * know, without walking the tree, that nothing of the library changed since its pass began.
 * @internal
 */
export function _libraryVersion(): number {
  return libraryVersion;
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

interface Render {
  readonly epoch: number;
  readonly version: number;
  readonly json: any;
  /** The object's metadata when rendered. */
  readonly metadata: string;
}

/** Renders made for the checks that the written manifest may reuse (see `_sharingRenders`), until it is written. */
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

/**
 * `obj.toJson()` for the synth-time checks (the runner renders each object once per pass, see src/synth/runner.ts).
 * For the objects of the library's L2 constructs (see `_sharingRenders`), the render is also kept for the manifest
 * cdk8s writes moments later: it is used then only within the same synchronous run, while no construct of this
 * library changed, the object's metadata is the same and it has no JSON patches. The result is shared: callers must
 * not modify it.
 * @internal
 */
export function _renderForChecks(obj: ApiObject): any {
  RENDERS.delete(obj);
  const json = obj.toJson();
  if (mayShare(obj)) RENDERS.set(obj, { epoch: _currentSynthEpoch(), version: libraryVersion, json, metadata: metadataOf(obj) });
  return json;
}

/**
 * The render the checks made of `obj` for its written manifest, taken (used once), or undefined.
 */
function takeForOutput(obj: ApiObject): any {
  const kept = RENDERS.get(obj);
  if (kept === undefined) return undefined;
  RENDERS.delete(obj);
  const usable = kept.epoch === _currentSynthEpoch() && kept.version === libraryVersion && mayShare(obj) && kept.metadata === metadataOf(obj);
  return usable ? kept.json : undefined;
}

const SHARING_CLASSES = new Map<Function, Function>();

/**
 * The L1 class `base`, extended so that its `toJson()` (what cdk8s writes) returns the render the synth-time checks
 * made moments before, instead of rendering the object a second time (see `_renderForChecks`), when `allowed()` and
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
