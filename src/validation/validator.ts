import {
  BUNDLE_VERSION, allKinds, findKind, findVersion, GATEWAY_API_GROUPS, ResolvedVersion, schemaByKey, servedVersions,
} from './bundle';
import type * as CelCompile from './cel/compile';
import type * as CelEvaluate from './cel/evaluate';
import type * as Cel from './cel/outcome-cache';
import type * as Metadata from './metadata';
import { comparePaths, formatPath, PathSegment } from './paths';
import { isPlainObject, MAX_DEPTH, prepare, TooDeepError } from './prepare';
import { SchemaNode, schemaNode } from './schema-node';
import type * as Structural from './structural';
import { GatewayApiValidatorOptions, ValidationChannel, ValidationError, ValidationResult } from './types';

/**
 * The heavy parts of the engine (ajv and the CEL runtime), loaded on first use so that importing the package stays
 * fast for apps that never validate.
 */
let engines: {
  readonly cel: typeof CelEvaluate & typeof CelCompile; readonly metadata: typeof Metadata; readonly structural: typeof Structural;
} | undefined;
function engine(): NonNullable<typeof engines> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  // the CEL modules themselves, not ./cel: the CEL runtime is loaded only when a rule is evaluated with CEL
  engines ??= { cel: { ...require('./cel/evaluate'), ...require('./cel/compile') }, metadata: require('./metadata'), structural: require('./structural') };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return engines;
}

/** The message the API server adds when schema errors keep it from evaluating the CEL rules. */
const RULES_NOT_CHECKED =
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

interface Issue {
  readonly segs: PathSegment[];
  readonly message: string;
}

function otherChannel(channel: ValidationChannel): ValidationChannel {
  return channel === ValidationChannel.STANDARD ? ValidationChannel.EXPERIMENTAL : ValidationChannel.STANDARD;
}

const USE_EXPERIMENTAL =
  'validate with the experimental channel (GatewayApiValidation channel EXPERIMENTAL, or --channel experimental) ' +
  'and install the experimental CRDs in the cluster';

/** The node of `root` at `segs` (following declared properties, map values and list items). */
function nodeAt(root: SchemaNode, segs: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const s of segs) {
    if (!node) return undefined;
    if (typeof s === 'number') node = node.items;
    else if (typeof s === 'string') node = node.properties?.get(s);
    else node = node.additional;
  }
  return node;
}

/**
 * Validates Gateway API manifests offline against the v1.6.1 CRDs of one release channel, like the API server
 * does on create: OpenAPI schema (types, required fields, enums, patterns, formats, limits, list-type
 * uniqueness), unknown fields (which the API server would drop silently), CRD defaults, then every
 * `x-kubernetes-validations` CEL rule, with the CRDs' own messages.
 *
 * Objects of other API groups are skipped. Schemas and CEL programs are compiled once per process and cached.
 *
 * @example
 * // manifest: one object as parsed from YAML or JSON, e.g. { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', ... }
 * const validator = new GatewayApiValidator();
 * const result = validator.validate(manifest);
 * const problems = result.errors; // each with its `path` and `message`; empty when valid
 */
export class GatewayApiValidator {
  /**
   * Whether a manifest belongs to a Gateway API group (`gateway.networking.k8s.io` or
   * `gateway.networking.x-k8s.io`), i.e. whether `validate` checks it rather than skipping it.
   */
  public static isGatewayApiObject(manifest: any): boolean {
    if (!isPlainObject(manifest) || typeof manifest.apiVersion !== 'string') return false;
    const slash = manifest.apiVersion.indexOf('/');
    return slash > 0 && GATEWAY_API_GROUPS.includes(manifest.apiVersion.slice(0, slash));
  }

  /** The Gateway API release whose CRDs this validator uses (e.g. `v1.6.1`). */
  public static get gatewayApiVersion(): string {
    return BUNDLE_VERSION;
  }

  /** The release channel the manifests are validated against. */
  public readonly channel: ValidationChannel;

  /**
   * The cache of CEL rule outcomes this validator uses (see cel/outcome-cache.ts); undefined: the process-wide one.
   * The tests give a validator its own (e.g. a disabled one, to compare against CEL rule by rule).
   * Typed `unknown` (it is a `cel/outcome-cache` OutcomeCache): the published declarations must not reach the CEL
   * runtime's, which are bundled but not shipped.
   * @internal
   */
  public _outcomes?: unknown;

  public constructor(options: GatewayApiValidatorOptions = {}) {
    this.channel = options.channel ?? ValidationChannel.STANDARD;
    if (!Object.values(ValidationChannel).includes(this.channel)) {
      throw new Error(`unknown validation channel "${String(this.channel)}": use "standard" or "experimental"`);
    }
  }

  /**
   * Validates one manifest (a parsed Kubernetes object). Never throws for bad input: a manifest that is not an
   * object, has no apiVersion/kind or an unknown Gateway API kind/version gets an error result.
   */
  public validate(manifest: any): ValidationResult {
    const errors: Issue[] = [];
    const warnings: string[] = [];
    let rulesNotChecked = false;
    const obj = isPlainObject(manifest) ? manifest : undefined;
    const meta = obj && isPlainObject(obj.metadata) ? obj.metadata : undefined;
    const done = (skipped = false): ValidationResult => ({
      channel: this.channel,
      apiVersion: typeof obj?.apiVersion === 'string' ? obj.apiVersion : undefined,
      kind: typeof obj?.kind === 'string' ? obj.kind : undefined,
      name: typeof meta?.name === 'string' ? meta.name : undefined,
      namespace: typeof meta?.namespace === 'string' ? meta.namespace : undefined,
      valid: errors.length === 0,
      skipped,
      errors: rulesNotChecked ? [...this.finish(errors), { path: '', message: RULES_NOT_CHECKED }] : this.finish(errors),
      warnings,
    });

    if (!isPlainObject(manifest)) {
      const got = manifest === null ? 'null' : Array.isArray(manifest) ? 'a list' : `a ${typeof manifest}`;
      errors.push({ segs: [], message: `the document is ${got}, not a Kubernetes object (a mapping with apiVersion, kind and metadata)` });
      return done();
    }
    if (typeof manifest.apiVersion !== 'string' || manifest.apiVersion.length === 0) {
      errors.push({
        segs: ['apiVersion'],
        message: manifest.apiVersion === undefined
          ? 'Required value: apiVersion is required (e.g. "gateway.networking.k8s.io/v1")'
          : `Invalid value: ${engine().structural.renderValue(manifest.apiVersion)}: apiVersion must be a non-empty string (e.g. "gateway.networking.k8s.io/v1")`,
      });
    }
    if (typeof manifest.kind !== 'string' || manifest.kind.length === 0) {
      errors.push({
        segs: ['kind'],
        message: manifest.kind === undefined
          ? 'Required value: kind is required (e.g. "HTTPRoute")'
          : `Invalid value: ${engine().structural.renderValue(manifest.kind)}: kind must be a non-empty string (e.g. "HTTPRoute")`,
      });
    }
    if (errors.length > 0) return done();
    const apiVersion = manifest.apiVersion as string;
    const kind = manifest.kind as string;
    const slash = apiVersion.indexOf('/');
    const group = slash > 0 ? apiVersion.slice(0, slash) : '';
    const version = slash > 0 ? apiVersion.slice(slash + 1) : apiVersion;
    if (!GATEWAY_API_GROUPS.includes(group)) return done(true);

    const resolved = this.resolve(group, version, kind, errors);
    if (!resolved) return done();
    if (resolved.version.deprecationWarning) warnings.push(resolved.version.deprecationWarning);

    const key = resolved.schemaKey!;
    const root = schemaNode(key);
    const input: Record<string, unknown> = { ...manifest };
    if ('status' in input) {
      delete input.status;
      warnings.push('status is ignored by the API server when the object is written (status subresource); it was not validated');
    }
    let data: Record<string, unknown>;
    try {
      data = prepare(input, root) as Record<string, unknown>;
    } catch (e) {
      if (!(e instanceof TooDeepError)) throw e;
      errors.push({ segs: [], message: `the object nests more than ${MAX_DEPTH} levels deep; no Gateway API object is that deep, it was not validated` });
      return done();
    }

    errors.push(...engine().metadata.validateMetadata(data.metadata));
    const structural = engine().structural.validateStructure(key, schemaByKey(key), root, data);
    for (const issue of structural) errors.push(this.channelHint(issue, group, version, kind));

    if (structural.some((i) => i.blocking)) {
      rulesNotChecked = true;
    } else {
      errors.push(...engine().cel.evaluateRules(data, root, this._outcomes as Cel.OutcomeCache | undefined));
      warnings.push(...engine().cel.uncompiledRules(root));
    }
    return done();
  }

  /** Validates several manifests; one result per manifest, in order. */
  public validateAll(manifests: any[]): ValidationResult[] {
    return manifests.map((m) => this.validate(m));
  }

  /** Sorts by path (stable: schema order within a path), removes exact duplicates and formats the paths. */
  private finish(issues: Issue[]): ValidationError[] {
    if (issues.length === 0) return [];
    const sorted = issues.map((issue, i) => ({ issue, i }))
      .sort((a, b) => comparePaths(a.issue.segs, b.issue.segs) || a.i - b.i);
    const seen = new Set<string>();
    const out: ValidationError[] = [];
    for (const { issue } of sorted) {
      const path = formatPath(issue.segs);
      const id = `${path}\u0000${issue.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ path, message: issue.message });
    }
    return out;
  }

  /** The served version of the kind, or an error that says what is wrong and what would work. */
  private resolve(group: string, version: string, kind: string, errors: Issue[]): ResolvedVersion | undefined {
    const channel = this.channel;
    const other = otherChannel(channel);
    const release = `Gateway API ${BUNDLE_VERSION}`;
    const found = findVersion(channel, group, version, kind);
    if (found?.version.served) return found;

    const inOther = findVersion(other, group, version, kind);
    const apiVersion = `${group}/${version}`;
    if (found && !found.version.served) {
      const served = servedVersions(channel, group, kind).map((v) => `${group}/${v}`);
      let message = `Invalid value: ${engine().structural.renderValue(apiVersion)}: ${kind} ${version} is not served by the ${channel} channel CRDs of ${release} (kept for storage migration only), the API server rejects it; use ${served.join(' or ')}`;
      if (inOther?.version.served) message += `, or ${USE_EXPERIMENTAL}`;
      errors.push({ segs: ['apiVersion'], message });
      return undefined;
    }
    if (!found && inOther?.version.served && channel === ValidationChannel.STANDARD) {
      const what = findKind(channel, group, kind) ? `${kind} ${version}` : kind;
      errors.push({
        segs: findKind(channel, group, kind) ? ['apiVersion'] : ['kind'],
        message: `${what} (${apiVersion}) is only in the experimental channel of ${release}: ${USE_EXPERIMENTAL}`,
      });
      return undefined;
    }
    const kindInChannel = findKind(channel, group, kind);
    if (kindInChannel) {
      const served = servedVersions(channel, group, kind).map((v) => `${group}/${v}`);
      errors.push({
        segs: ['apiVersion'],
        message: `Invalid value: ${engine().structural.renderValue(apiVersion)}: ${kind} has no version ${version} in the ${channel} channel of ${release}; use ${served.join(' or ')}`,
      });
      return undefined;
    }
    const kindsOfGroup = allKinds(channel).filter((k) => k.group === group).map((k) => k.kind);
    const caseMatch = kindsOfGroup.find((k) => k.toLowerCase() === kind.toLowerCase());
    const suggestion = caseMatch ?? engine().structural.suggestProperty(kind, kindsOfGroup);
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    const kinds = kindsOfGroup.length > 0 ? `; its kinds are ${kindsOfGroup.join(', ')}` : `; the ${channel} channel has no kinds in ${group}`;
    errors.push({
      segs: ['kind'],
      message: `Invalid value: ${engine().structural.renderValue(kind)}: no kind "${kind}" in ${group} in the ${channel} channel of ${release}${hint}${kinds}`,
    });
    return undefined;
  }

  /** In the standard channel, says so when an unknown field or enum value exists in the experimental channel. */
  private channelHint(issue: Structural.StructuralIssue, group: string, version: string, kind: string): Issue {
    if (this.channel !== ValidationChannel.STANDARD || issue.reason === 'other') return issue;
    const experimental = findVersion(ValidationChannel.EXPERIMENTAL, group, version, kind);
    if (!experimental?.schemaKey) return issue;
    const node = nodeAt(schemaNode(experimental.schemaKey), issue.segs);
    if (!node) return issue;
    const path = formatPath(issue.segs);
    if (issue.reason === 'unknown-field') {
      return {
        segs: issue.segs,
        message: `field "${path}" is only in the experimental channel of Gateway API ${BUNDLE_VERSION}: ${USE_EXPERIMENTAL}, or remove it`,
      };
    }
    if (node.raw.enum?.some((v) => v === issue.value)) {
      return {
        segs: issue.segs,
        message: `${issue.message}; ${engine().structural.renderValue(issue.value)} is only in the experimental channel of Gateway API ${BUNDLE_VERSION}: ${USE_EXPERIMENTAL}`,
      };
    }
    return issue;
  }
}
