/**
 * The feature lint at synth time: `GatewayApiValidation` calls `_featureLintLines` once per check (see
 * src/validation/synth.ts). Renders the app's objects only when an implementation is set or a GatewayClass of the
 * app names a known controller.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { implementationOfController } from './controllers';
import { Implementation } from './implementation';
import { lintFeatures } from './lint';
import { _renderedJson } from '../core/epoch';

const GROUPS = ['gateway.networking.k8s.io/', 'gateway.networking.x-k8s.io/'];

function read(obj: ApiObject): any {
  try {
    return _renderedJson(obj, false);
  } catch {
    return undefined; // an object that cannot be rendered fails the synth anyway, with cdk8s' own error
  }
}

/**
 * The lint's lines for the objects `owns` accepts, in the validation's format
 * (`<construct path> (<kind> <namespace>/<name>) <field path>: <message>`). The whole app informs which implementation
 * serves an object (GatewayClasses, Gateways and Services may live in other charts). Uses of features no conformance
 * report mentions are printed as warnings on stderr, never failing the synth.
 * @internal
 */
export function _featureLintLines(scope: IConstruct, owns: (c: IConstruct) => boolean, implementation?: Implementation): string[] {
  const all = scope.node.root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const relevant = all.filter((c) => c.kind === 'Service' || GROUPS.some((g) => c.apiVersion.startsWith(g)));
  if (implementation === undefined) {
    const known = relevant.some((c) => c.kind === 'GatewayClass' && implementationOfController(read(c)?.spec?.controllerName) !== undefined);
    if (!known) return [];
  }
  const manifests = relevant.map(read);
  const findings = lintFeatures(manifests, { implementation, include: (i) => owns(relevant[i]) });
  const lines: string[] = [];
  const unknown: string[] = [];
  for (const f of findings) {
    const o = f.object;
    const line = `${relevant[o.index].node.path} (${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}) ${f.message}`;
    (f.kind === 'unknown' ? unknown : lines).push(line);
  }
  if (unknown.length > 0) console.error(['warning: Gateway API features no conformance report mentions:', ...unknown.map((l) => `  ${l}`)].join('\n'));
  return lines;
}
