/**
 * The implementation capability lint: every conformance feature the manifests use that the target implementation's
 * conformance report does not claim. Works on plain manifests (the synth hook and the CLI both call it).
 */
import { describeReport, isKnownFeature } from './catalogue';
import { implementationOfController } from './controllers';
import { detectFeatures, FeatureUse, ObjectFeatures } from './detect';
import { FeatureSupport, Implementation } from './implementation';

/** One finding of the lint. */
export interface FeatureFinding {
  /** `not-claimed`: the implementation's report does not claim the feature; `unknown`: no report mentions it. */
  readonly kind: 'not-claimed' | 'unknown';
  /** The implementation the object was checked against. */
  readonly implementation: Implementation;
  /** The object (as detected) and the use. */
  readonly object: ObjectFeatures;
  readonly use: FeatureUse;
  /** The message, without the object label: `<path>: <where> uses <what> (<feature>), which …`. */
  readonly message: string;
}

/** Options of `lintFeatures`. */
export interface LintOptions {
  /**
   * The implementation every object is checked against.
   * @default - per object, the implementation of its GatewayClass's controllerName (see `implementationsOf`)
   */
  readonly implementation?: Implementation;
  /** Only objects whose input index passes are reported (all objects still inform the resolution). */
  readonly include?: (index: number) => boolean;
  /** @default 'default' */
  readonly defaultNamespace?: string;
}

type Obj = { [key: string]: any };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Short phrase naming a feature use, e.g. `RequestMirror (HTTPRouteRequestMirror)`. */
function usePhrase(use: FeatureUse): string {
  return `${use.where} uses ${use.what} (${use.feature})`;
}

/**
 * The implementations each input object is served by, from the GatewayClasses' controller names: a GatewayClass by its
 * own, a Gateway by its class, a ListenerSet by its parent Gateway, a route by the Gateways (or ListenerSets) it
 * attaches to. Objects that reach no known GatewayClass (policies, grants, mesh routes, routes whose Gateway is
 * elsewhere) get every implementation the input's GatewayClasses name. Empty when no controller name is known.
 */
export function implementationsOf(objects: readonly unknown[], defaultNamespace = 'default'): Map<number, Implementation[]> {
  /** GatewayClass name → catalogue id, or null for a class of a controller the table does not know. */
  const classes = new Map<string, string | null>();
  const gateways = new Map<string, string>();
  const listenerSets = new Map<string, string>();
  objects.forEach((o) => {
    if (!isObj(o) || !isObj(o.metadata) || typeof o.metadata.name !== 'string' || !isObj(o.spec)) return;
    const ns = o.metadata.namespace ?? defaultNamespace;
    if (o.kind === 'GatewayClass') {
      const id = typeof o.spec.controllerName === 'string' ? implementationOfController(o.spec.controllerName) : undefined;
      classes.set(o.metadata.name, id ?? null);
    } else if (o.kind === 'Gateway' && typeof o.spec.gatewayClassName === 'string') {
      gateways.set(`${ns}/${o.metadata.name}`, o.spec.gatewayClassName);
    } else if ((o.kind === 'ListenerSet' || o.kind === 'XListenerSet') && isObj(o.spec.parentRef) && typeof o.spec.parentRef.name === 'string') {
      listenerSets.set(`${ns}/${o.metadata.name}`, `${o.spec.parentRef.namespace ?? ns}/${o.spec.parentRef.name}`);
    }
  });
  const out = new Map<number, Implementation[]>();
  const all = [...new Set([...classes.values()].filter((id): id is string => id !== null))].sort();
  if (all.length === 0) return out;
  const cache = new Map<string, Implementation>();
  const impl = (id: string) => {
    if (!cache.has(id)) cache.set(id, Implementation.named(id));
    return cache.get(id)!;
  };
  /** The id serving a Gateway: a string, null (its class belongs to an unknown controller), undefined (not in the input). */
  const ofGateway = (key: string | undefined): string | null | undefined => {
    const cls = key === undefined ? undefined : gateways.get(key);
    return cls === undefined ? undefined : classes.get(cls);
  };
  objects.forEach((o, index) => {
    if (!isObj(o)) return;
    const ns = (isObj(o.metadata) && o.metadata.namespace) || defaultNamespace;
    const spec = isObj(o.spec) ? o.spec : {};
    const served: Array<string | null | undefined> = [];
    if (o.kind === 'GatewayClass') {
      served.push(typeof spec.controllerName === 'string' ? implementationOfController(spec.controllerName) ?? null : null);
    } else if (o.kind === 'Gateway') {
      served.push(typeof spec.gatewayClassName === 'string' ? classes.get(spec.gatewayClassName) : undefined);
    } else if (o.kind === 'ListenerSet' || o.kind === 'XListenerSet') {
      served.push(ofGateway(isObj(o.metadata) ? listenerSets.get(`${ns}/${o.metadata.name}`) : undefined));
    } else if (Array.isArray(spec.parentRefs)) {
      for (const ref of spec.parentRefs) {
        if (!isObj(ref) || typeof ref.name !== 'string') continue;
        const kind = ref.kind ?? 'Gateway';
        const key = `${ref.namespace ?? ns}/${ref.name}`;
        if (kind === 'Gateway') served.push(ofGateway(key));
        else if (kind === 'ListenerSet' || kind === 'XListenerSet') served.push(ofGateway(listenerSets.get(key)));
        else served.push(undefined);
      }
    }
    const ids = [...new Set(served.filter((id): id is string => typeof id === 'string'))].sort();
    if (ids.length > 0) out.set(index, ids.map(impl));
    // served only by classes of unknown controllers: nothing to check against
    else if (served.length > 0 && served.every((id) => id === null)) return;
    else out.set(index, all.map(impl));
  });
  return out;
}

/**
 * Checks the features `objects` use against the implementation(s) serving them. Returns, sorted by object then
 * path, a `not-claimed` finding per use the implementation's report does not claim and an `unknown` finding per use
 * of a feature no report mentions. Core features are checked too (a report that did not run the GATEWAY-TLS profile
 * does not claim TLSRoute).
 */
export function lintFeatures(objects: readonly unknown[], options: LintOptions = {}): FeatureFinding[] {
  const detection = detectFeatures(objects, { defaultNamespace: options.defaultNamespace });
  const targets = options.implementation ? undefined : implementationsOf(objects, options.defaultNamespace);
  const findings: FeatureFinding[] = [];
  for (const object of detection.objects) {
    if (options.include && !options.include(object.index)) continue;
    const impls = options.implementation ? [options.implementation] : targets!.get(object.index) ?? [];
    for (const implementation of impls) {
      for (const use of object.uses) {
        if (!isKnownFeature(use.feature)) {
          findings.push({
            kind: 'unknown',
            implementation,
            object,
            use,
            message: `${use.path}: ${usePhrase(use)}, which no conformance report mentions: whether ${implementation} supports it is unknown`,
          });
        } else if (implementation.supportOf(use.feature) !== FeatureSupport.SUPPORTED) {
          findings.push({
            kind: 'not-claimed',
            implementation,
            object,
            use,
            message: `${use.path}: ${usePhrase(use)}, which ${implementation} does not claim (${describeReport(implementation._report())})`,
          });
        }
      }
    }
  }
  return findings;
}
