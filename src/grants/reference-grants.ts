import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GrantedReference } from './grant-types';
import { ReferenceGrant } from './reference-grant';
import { _grantRegistry } from './registry';
import { GATEWAY_API_GROUP } from '../core/names';
import { _SynthRunner } from '../synth/runner';

const AUTO_GRANTS = new WeakMap<IConstruct, AutoGrants>();

/**
 * Where automatic ReferenceGrants go (`ReferenceGrants.setAutoGrants()`). A ReferenceGrant is the consent of the
 * referent's owner, so by default the library writes it only where that owner's configuration lives.
 */
export enum AutoGrants {
  /**
   * The default. A reference to an object of this app in another namespace (`Backend.fromService(service)`,
   * `CertificateRef.fromSecret(secret)`, …) gets a least-privilege grant in the chart that owns the referent: the
   * owner's chart, so the owner's pipeline applies it. A reference to an object that is only named
   * (`Backend.fromName('x', { namespace })`, `CertificateRef.fromName('x', { namespace })`) fails synth unless a
   * known grant allows it (a `ReferenceGrant` of the app or one declared with
   * `ReferenceGrant.fromReferenceGrantName()`); the message gives the grant to add.
   */
  REFERENT_CHART = 'ReferentChart',

  /**
   * As `REFERENT_CHART`, and a reference to an object that is only named gets its grant in the referrer's own chart
   * (in the referent's namespace). Opt in only when this app may write into the referent's namespace: the referrer
   * then grants itself access, which ReferenceGrant exists to prevent between teams.
   */
  REFERRER_CHART = 'ReferrerChart',

  /**
   * No automatic grants: every cross-namespace reference fails synth unless a known grant allows it. Set on the
   * referent's chart, it also keeps the grants of references to that chart's objects out of the app.
   */
  OFF = 'Off',
}

/**
 * Least-privilege ReferenceGrants for cross-namespace references, created with the consent of the referent's owner.
 *
 * When a route in namespace A uses a backend in namespace B, or a Gateway uses a certificate Secret in another
 * namespace, the Gateway API requires a ReferenceGrant in the referent's namespace. The constructs of this library
 * call `ReferenceGrants.ensure()` for each such reference. A grant allows exactly that referrer kind, from exactly
 * that namespace, to exactly that object (never to every name), and is reused for later references of the same shape.
 *
 * Where it goes is set per scope with `setAutoGrants(scope, AutoGrants.…)`: by default (`REFERENT_CHART`) into the
 * chart that owns the referent when the referent is a construct of the app, and nowhere when the referent is only
 * named (synth then fails with the grant to add, unless a known grant allows the reference).
 */
export class ReferenceGrants {
  /**
   * Sets where automatic ReferenceGrants go for every construct in `scope` (an App, a Chart, or any construct); the
   * setting of the nearest scope wins.
   * @default AutoGrants.REFERENT_CHART
   */
  public static setAutoGrants(scope: IConstruct, mode: AutoGrants): void {
    if (!Object.values(AutoGrants).includes(mode)) {
      throw new Error(`${scope.node.path || '<app>'}: setAutoGrants(${JSON.stringify(mode)}): not an AutoGrants value: use ` +
        'AutoGrants.REFERENT_CHART, AutoGrants.REFERRER_CHART or AutoGrants.OFF.');
    }
    AUTO_GRANTS.set(scope, mode);
  }

  /** Where automatic ReferenceGrants go for `scope`: the setting of its nearest scope, else `REFERENT_CHART`. */
  public static autoGrantsFor(scope: IConstruct): AutoGrants {
    for (const s of [...scope.node.scopes].reverse()) {
      const value = AUTO_GRANTS.get(s);
      if (value !== undefined) return value;
    }
    return AutoGrants.REFERENT_CHART;
  }

  /**
   * Records that `referrer` makes the cross-namespace `reference`. Nothing happens when both namespaces are the same.
   *
   * - `referent` is a construct of this app (and automatic grants are not `OFF` for the referrer or the referent):
   *   a least-privilege ReferenceGrant is created in the referent's chart, unless an automatic grant for the same
   *   reference exists.
   * - `referent` is not given (the object is only named) and the referrer's setting is `REFERRER_CHART`: the grant is
   *   created in the referrer's chart.
   * - Otherwise synth fails unless a known grant allows the reference, with a message giving the grant to add.
   * @param referent the referenced object's construct, when it is part of this app
   */
  public static ensure(referrer: IConstruct, reference: GrantedReference, referent?: IConstruct): void {
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
    const mode = ReferenceGrants.autoGrantsFor(referrer);
    const off = mode === AutoGrants.OFF || (referent !== undefined && ReferenceGrants.autoGrantsFor(referent) === AutoGrants.OFF);
    const owner = off ? undefined : referent ?? (mode === AutoGrants.REFERRER_CHART ? referrer : undefined);
    if (owner) {
      const name = autoGrantName(reference);
      const key = `${reference.toNamespace}/${name}`;
      if (registry.autoGrants.has(key)) return;
      let chart: Chart;
      try {
        chart = Chart.of(owner);
      } catch {
        throw new Error(`${where}: cannot create the ReferenceGrant for ${describe(reference)}: ${owner === referrer ? 'the referrer' : `the referent ${owner.node.path}`} is not inside a Chart.`);
      }
      const grant = new ReferenceGrant(chart, `ReferenceGrant-${reference.toNamespace}-${name}`, {
        metadata: { name, namespace: reference.toNamespace },
        from: [{ group: reference.fromGroup, kind: reference.fromKind, namespace: reference.fromNamespace }],
        to: [{ group: reference.toGroup, kind: reference.toKind, name: reference.toName }],
      });
      registry.autoGrants.set(key, grant);
      return;
    }
    const grantToAdd = `a ReferenceGrant in namespace "${reference.toNamespace}" with from: [{ group: "${reference.fromGroup}", ` +
      `kind: "${reference.fromKind}", namespace: "${reference.fromNamespace}" }] and to: [{ group: "${reference.toGroup}", ` +
      `kind: "${reference.toKind}", name: "${reference.toName}" }]`;
    // a grant can be added anywhere in the app later: the synth runner checks it once per synth
    _SynthRunner.of(referrer).addConstructCheck(referrer, () => {
      if (registry.findGrant(reference)) return [];
      if (off) {
        return [
          `${where}: ${describe(reference)} is not allowed by any ReferenceGrant (automatic grants are off). ` +
          `Add ${grantToAdd} (new ReferenceGrant(...), or ReferenceGrant.fromReferenceGrantName(...) when another team applies it), ` +
          'or turn automatic grants on with ReferenceGrants.setAutoGrants(scope, AutoGrants.REFERENT_CHART).',
        ];
      }
      return [
        `${where}: ${describe(reference)} needs a ReferenceGrant, which only the owner of namespace "${reference.toNamespace}" ` +
        `can give, and ${reference.toKind} "${reference.toName}" is only named here (not a construct of this app, whose chart ` +
        `would hold the grant). Add ${grantToAdd}: in the owner's chart (new ReferenceGrant(...)), or declare it with ` +
        'ReferenceGrant.fromReferenceGrantName(...) when the owner applies it; or, when this app may write into that namespace, ' +
        'opt in with ReferenceGrants.setAutoGrants(scope, AutoGrants.REFERRER_CHART) to create it in this chart.',
      ];
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
