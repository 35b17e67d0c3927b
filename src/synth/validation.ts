import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { _featureLintLines } from './feature-lint';
import { _SynthPass, _SynthRunner } from './runner';
import { CheckMode } from '../core/check-mode';
import { Implementation } from '../features/implementation';
import { ValidationChannel } from '../validation/types';
import { GatewayApiValidator } from '../validation/validator';

/** Options of `GatewayApiValidation.enable`. */
export interface GatewayApiValidationOptions {
  /**
   * The release channel of the Gateway API CRDs in the target cluster.
   * @default - inherited from the App's validation, or ValidationChannel.STANDARD
   */
  readonly channel?: ValidationChannel;

  /**
   * What an invalid Gateway API object does to the synth.
   * @default - inherited from the App's validation, or CheckMode.ERROR
   */
  readonly mode?: CheckMode;

  /**
   * The Gateway API implementation whose conformance report the objects' features are checked against (the same as
   * setting `implementation` on the returned validation; see docs/implementations.md).
   * @default - inherited from the App's validation, else per object the implementation of its GatewayClass's
   * controllerName when the catalogue knows it; no check otherwise
   */
  readonly implementation?: Implementation;
}

const INSTANCES = new WeakMap<IConstruct, GatewayApiValidation>();

const VALIDATORS = new Map<ValidationChannel, GatewayApiValidator>();

function validatorFor(channel: ValidationChannel): GatewayApiValidator {
  let v = VALIDATORS.get(channel);
  if (!v) {
    v = new GatewayApiValidator({ channel });
    VALIDATORS.set(channel, v);
  }
  return v;
}

/** The App (root) itself, or the chart that `scope` belongs to. */
function validationScope(scope: IConstruct): IConstruct {
  if (scope.node.scope === undefined) return scope;
  return Chart.of(scope);
}

/**
 * Synth-time validation of the Gateway API objects of a chart (or of every chart of an app).
 *
 * Enabled on a chart, every Gateway API object in it (L1 or L2, any Gateway API group) is validated when the app
 * is synthesized (`app.synth()`, `app.synthYaml()`, `cdk8s synth`) against the v1.6.1 CRDs, like the API server
 * would on apply; an invalid object fails the synth with the construct path, the field path and the CRD's
 * message. Enabled on the App, it covers every chart that has no validation of its own.
 *
 * Enabling is idempotent: constructs can call `GatewayApiValidation.enable(Chart.of(this))` freely; options given
 * later override those given earlier, options left out keep their value.
 *
 * @example
 * const app = new App();
 * GatewayApiValidation.enable(app);                                               // every chart, standard channel
 * const legacy = new Chart(app, 'legacy');
 * GatewayApiValidation.enable(legacy, { mode: CheckMode.WARN });            // this chart only warns
 */
export class GatewayApiValidation {
  /**
   * Enables validation for `scope`: the App (all its charts) when `scope` is the App, else the chart that
   * `scope` belongs to. Returns the validation of that App or chart.
   */
  public static enable(scope: IConstruct, options: GatewayApiValidationOptions = {}): GatewayApiValidation {
    const target = validationScope(scope);
    let instance = INSTANCES.get(target);
    if (!instance) {
      instance = new GatewayApiValidation(target);
      INSTANCES.set(target, instance);
    }
    if (options.channel !== undefined) instance.channel = options.channel;
    if (options.mode !== undefined) instance.mode = options.mode;
    if (options.implementation !== undefined) instance.implementation = options.implementation;
    return instance;
  }

  /**
   * The validation of the chart that `scope` belongs to (or of the App, for the App), enabling it when needed,
   * e.g. `GatewayApiValidation.of(chart).mode = CheckMode.WARN`.
   */
  public static of(scope: IConstruct): GatewayApiValidation {
    return GatewayApiValidation.enable(scope);
  }

  /** The App or chart this validation belongs to. */
  public readonly scope: IConstruct;

  private explicitChannel?: ValidationChannel;
  private explicitMode?: CheckMode;
  private explicitImplementation?: Implementation;
  private readonly runner: _SynthRunner;

  private constructor(scope: IConstruct) {
    this.scope = scope;
    this.runner = _SynthRunner.of(scope); // first: its validation on the App begins each synth's pass
    scope.node.addValidation({ validate: () => this.check() });
  }

  /** The channel the objects are validated against (set here, else the enclosing chart's or App's, else STANDARD). */
  public get channel(): ValidationChannel {
    return this.explicitChannel ?? this.inherited()?.channel ?? ValidationChannel.STANDARD;
  }

  public set channel(channel: ValidationChannel) {
    if (!Object.values(ValidationChannel).includes(channel)) throw new Error(`unknown validation channel "${String(channel)}"`);
    this.explicitChannel = channel;
  }

  /** What an invalid object does to the synth (set here, else the enclosing chart's or App's, else ERROR). */
  public get mode(): CheckMode {
    return this.explicitMode ?? this.inherited()?.mode ?? CheckMode.ERROR;
  }

  public set mode(mode: CheckMode) {
    if (!Object.values(CheckMode).includes(mode)) throw new Error(`unknown validation mode "${String(mode)}"`);
    this.explicitMode = mode;
  }

  /**
   * The Gateway API implementation whose conformance report the objects' features are checked against (set here,
   * else the enclosing chart's or App's). Every feature an object uses that the report does not claim is a
   * violation (see docs/implementations.md).
   * @default - per object, the implementation of its GatewayClass's controllerName when the catalogue knows it; no check otherwise
   */
  public get implementation(): Implementation | undefined {
    return this.explicitImplementation ?? this.inherited()?.implementation;
  }

  public set implementation(implementation: Implementation | undefined) {
    this.explicitImplementation = implementation;
  }

  /**
   * Validates the Gateway API objects this validation is responsible for (those of its App or chart that no
   * nested chart validates itself) and returns one line per violation:
   * `<construct path> (<kind> <namespace>/<name>) <field path>: <message>`. Does not depend on the mode.
   */
  public violations(): string[] {
    return this.violationsIn(this.runner.pass());
  }

  /** The violations, once per pass and configuration (channel, implementation). */
  private violationsIn(pass: _SynthPass): string[] {
    const implementation = this.implementation;
    const channel = this.channel;
    // the result depends on the channel and the implementation: one entry per pair
    const perChannel = pass.once(this, () => new Map<Implementation | undefined, string[]>(), channel);
    let lines = perChannel.get(implementation);
    if (lines === undefined) {
      lines = this.violationsOf(pass, implementation);
      perChannel.set(implementation, lines);
    }
    return lines;
  }

  private violationsOf(pass: _SynthPass, implementation: Implementation | undefined): string[] {
    const validator = validatorFor(this.channel);
    const lines: string[] = [];
    for (const construct of this.scope.node.findAll()) {
      if (!ApiObject.isApiObject(construct) || ownerOf(construct) !== this) continue;
      let manifest: any;
      try {
        manifest = pass.render(construct);
      } catch {
        // an object that cannot be rendered fails the synth anyway, with cdk8s' own error
        continue;
      }
      if (!GatewayApiValidator.isGatewayApiObject(manifest)) continue;
      const result = validator.validate(manifest);
      if (result.valid) continue;
      const ns = result.namespace ? `${result.namespace}/` : '';
      const what = `${construct.node.path} (${result.kind ?? '?'} ${ns}${result.name ?? '?'})`;
      for (const e of result.errors) lines.push(`${what} ${e.path ? `${e.path}: ` : ''}${e.message}`);
    }
    lines.push(..._featureLintLines(pass, this.scope, (c) => ownerOf(c) === this, implementation));
    return lines;
  }

  /** The node validation hook: errors in ERROR mode, warnings on stderr (once per pass) in WARN mode. */
  private check(): string[] {
    const mode = this.mode;
    if (mode === CheckMode.OFF) return [];
    const pass = this.runner.pass();
    const lines = this.violationsIn(pass);
    if (lines.length === 0) return [];
    const header = `Gateway API ${GatewayApiValidator.gatewayApiVersion} validation (${this.channel} channel) found ${lines.length} problem${lines.length === 1 ? '' : 's'}`;
    if (mode === CheckMode.WARN) {
      pass.once(this, () => console.error([`warning: ${header}:`, ...lines.map((l) => `  ${l}`)].join('\n')), `warned|${header}`);
      return [];
    }
    return [`${header}:`, ...lines];
  }

  /** The validation of the nearest enclosing chart or App that has one. */
  private inherited(): GatewayApiValidation | undefined {
    const scopes = this.scope.node.scopes;
    for (let i = scopes.length - 2; i >= 0; i--) {
      const instance = INSTANCES.get(scopes[i]);
      if (instance) return instance;
    }
    return undefined;
  }
}

/** The validation responsible for `obj`: the one of its nearest chart (or App) that has one. */
function ownerOf(obj: IConstruct): GatewayApiValidation | undefined {
  const scopes = obj.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const instance = INSTANCES.get(scopes[i]);
    if (instance) return instance;
  }
  return undefined;
}
