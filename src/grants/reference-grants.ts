import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GrantedReference, ReferenceGrant } from './reference-grant';
import { _grantRegistry } from './registry';
import { GATEWAY_API_GROUP } from '../core/names';

const AUTO_GRANTS = new WeakMap<IConstruct, boolean>();

/**
 * Least-privilege ReferenceGrants for cross-namespace references.
 *
 * When a route in namespace A uses a backend in namespace B, or a Gateway uses a certificate Secret in another
 * namespace, the Gateway API requires a ReferenceGrant in the referent's namespace. The constructs of this library
 * call `ReferenceGrants.ensure()` for each such reference, which by default creates a ReferenceGrant in the
 * referent's namespace that allows exactly that referrer kind, from exactly that namespace, to exactly that object
 * (never to every name), and reuses it for later references of the same shape.
 *
 * Turn automatic grants off with `ReferenceGrants.setAutoGrants(scope, false)` when another team owns the grants:
 * a reference that no known grant allows (a `ReferenceGrant` in the app, or one declared with
 * `ReferenceGrant.fromReferenceGrantName()`) then fails synth with a message naming the grant to add.
 */
export class ReferenceGrants {
  /**
   * Turns automatic ReferenceGrants on or off for every construct in `scope` (an App, a Chart, or any construct);
   * the setting of the nearest scope wins. On by default.
   */
  public static setAutoGrants(scope: IConstruct, enabled: boolean): void {
    AUTO_GRANTS.set(scope, enabled);
  }

  /** Whether automatic ReferenceGrants are on for `scope`. */
  public static autoGrantsEnabled(scope: IConstruct): boolean {
    for (const s of [...scope.node.scopes].reverse()) {
      const value = AUTO_GRANTS.get(s);
      if (value !== undefined) return value;
    }
    return true;
  }

  /**
   * Records that `referrer` makes the cross-namespace `reference`. Nothing happens when both namespaces are the same.
   * With automatic grants on, a least-privilege ReferenceGrant is created in the referrer's chart (namespace
   * `reference.toNamespace`) unless an automatic grant for the same reference exists; with automatic grants off,
   * synth fails unless a known grant allows the reference.
   */
  public static ensure(referrer: IConstruct, reference: GrantedReference): void {
    if (reference.fromNamespace === reference.toNamespace) return;
    const where = referrer.node.path;
    if (!reference.fromNamespace) {
      throw new Error(
        `${where}: the ${reference.fromKind} has no namespace but refers to ${reference.toKind} "${reference.toName}" in namespace ` +
        `"${reference.toNamespace}": give the chart (or the object) a namespace so a ReferenceGrant can name it.`,
      );
    }
    if (!reference.toNamespace) {
      throw new Error(
        `${where}: ${reference.toKind} "${reference.toName}" has no namespace while the ${reference.fromKind} is in namespace ` +
        `"${reference.fromNamespace}": set the referent's namespace explicitly.`,
      );
    }
    const registry = _grantRegistry(referrer);
    if (ReferenceGrants.autoGrantsEnabled(referrer)) {
      const name = autoGrantName(reference);
      const key = `${reference.toNamespace}/${name}`;
      if (registry.autoGrants.has(key)) return;
      let chart: Chart;
      try {
        chart = Chart.of(referrer);
      } catch {
        throw new Error(`${where}: cannot create the ReferenceGrant for ${describe(reference)}: the referrer is not inside a Chart.`);
      }
      const grant = new ReferenceGrant(chart, `ReferenceGrant-${reference.toNamespace}-${name}`, {
        metadata: { name, namespace: reference.toNamespace },
        from: [{ group: reference.fromGroup, kind: reference.fromKind, namespace: reference.fromNamespace }],
        to: [{ group: reference.toGroup, kind: reference.toKind, name: reference.toName }],
      });
      registry.autoGrants.set(key, grant);
      return;
    }
    referrer.node.addValidation({
      validate: () => {
        if (registry.findGrant(reference)) return [];
        return [
          `${where}: ${describe(reference)} is not allowed by any ReferenceGrant (automatic grants are off). ` +
          `Add a ReferenceGrant in namespace "${reference.toNamespace}" with from: [{ group: "${reference.fromGroup}", ` +
          `kind: "${reference.fromKind}", namespace: "${reference.fromNamespace}" }] and to: [{ group: "${reference.toGroup}", ` +
          `kind: "${reference.toKind}", name: "${reference.toName}" }] (new ReferenceGrant(...), or ReferenceGrant.fromReferenceGrantName(...) ` +
          'when another team applies it), or turn automatic grants on with ReferenceGrants.setAutoGrants(scope, true).',
        ];
      },
    });
  }

  private constructor() {}
}

function describe(ref: GrantedReference): string {
  return `the reference from ${ref.fromKind} in namespace "${ref.fromNamespace}" to ${ref.toKind} "${ref.toNamespace}/${ref.toName}"`;
}

/**
 * A deterministic, readable grant name, e.g. `httproute-store-to-service-search`, shortened to 253 characters.
 * A kind outside the usual group (gateway.networking.k8s.io for referrers, the core group for referents) is
 * qualified with its group, so references of different groups never share a grant.
 */
function autoGrantName(ref: GrantedReference): string {
  const from = ref.fromGroup === GATEWAY_API_GROUP ? ref.fromKind : `${ref.fromKind}.${ref.fromGroup}`;
  const to = ref.toGroup === '' ? ref.toKind : `${ref.toKind}.${ref.toGroup}`;
  const raw = `${from}-${ref.fromNamespace}-to-${to}-${ref.toName}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  return raw.length <= 253 ? raw : raw.slice(0, 253).replace(/[-.]+$/, '');
}
