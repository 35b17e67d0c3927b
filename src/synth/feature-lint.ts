/**
 * The feature lint at synth time: `GatewayApiValidation` calls `_featureLintLines` once per pass of the synth runner
 * (see src/synth/validation.ts). Renders the app's objects only when an implementation is set or a GatewayClass of
 * the app names a known controller.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { _SynthPass } from './runner';
import { implementationOfController } from '../features/controllers';
import { Implementation } from '../features/implementation';
import { lintFeatures } from '../features/lint';

const GROUPS = ['gateway.networking.k8s.io/', 'gateway.networking.x-k8s.io/'];

function read(pass: _SynthPass, obj: ApiObject): any {
  try {
    return pass.render(obj);
  } catch {
    return undefined; // an object that cannot be rendered fails the synth anyway, with cdk8s' own error
  }
}

interface AppLint {
  /** The app's Gateway API objects and Services. */
  readonly relevant: ApiObject[];
  /** Whether a GatewayClass of the app names a controller the catalogue knows. */
  readonly known: boolean;
}

/** The key of the lint's results in a pass (one pass per App). */
const LINT = {};

function appLint(pass: _SynthPass, root: IConstruct): AppLint {
  return pass.once(LINT, () => {
    const relevant = root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c)
      && (c.kind === 'Service' || GROUPS.some((g) => c.apiVersion.startsWith(g))));
    const known = relevant.some((c) => c.kind === 'GatewayClass' && implementationOfController(read(pass, c)?.spec?.controllerName) !== undefined);
    return { relevant, known };
  });
}

/**
 * The lint's lines for the objects `owns` accepts, in the validation's format
 * (`<construct path> (<kind> <namespace>/<name>) <field path>: <message>`). The whole app informs which implementation
 * serves an object (GatewayClasses, Gateways and Services may live in other charts); the app is linted once per synth
 * and implementation. Uses of features no conformance report mentions are printed as warnings on stderr, never
 * failing the synth.
 * @internal
 */
export function _featureLintLines(pass: _SynthPass, scope: IConstruct, owns: (c: IConstruct) => boolean, implementation?: Implementation): string[] {
  const app = appLint(pass, scope.node.root);
  if (implementation === undefined && !app.known) return [];
  // the findings per explicit implementation (none: from the GatewayClasses), once per pass
  const all = pass.once(app, () => lintFeatures(app.relevant.map((o) => read(pass, o)), { implementation }).map((f) => {
    const o = f.object;
    const obj = app.relevant[o.index];
    return { obj, line: `${obj.node.path} (${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}) ${f.message}`, unknown: f.kind === 'unknown' };
  }), implementation);
  const mine = all.filter((f) => owns(f.obj));
  const unknown = mine.filter((f) => f.unknown).map((f) => f.line);
  if (unknown.length > 0) console.error(['warning: Gateway API features no conformance report mentions:', ...unknown.map((l) => `  ${l}`)].join('\n'));
  return mine.filter((f) => !f.unknown).map((f) => f.line);
}
