import { BUNDLE_VERSION } from './bundle';
import { DocumentReport, validateFile } from './documents';
import { ValidationChannel } from './types';
import { GatewayApiValidator } from './validator';

/** Properties of the cdk8s validation plugin (the `properties` of its entry in `cdk8s.yaml`). */
export interface GatewayApiValidationPluginProps {
  /**
   * The release channel of the Gateway API CRDs in the target cluster: `standard` or `experimental`.
   * @default "standard"
   */
  readonly channel?: string;
}

interface Violation {
  ruleName: string;
  recommendation: string;
  fix: string;
  violatingResources: Array<{ resourceName: string; locations: string[]; manifestPath: string }>;
}

/**
 * A cdk8s CLI validation plugin: `cdk8s synth` validates the Gateway API objects of the synthesized manifests
 * against the Gateway API v1.6.1 CRDs and fails when one is invalid.
 *
 * In `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-gateway-api   # a local path: cdk8s requires it as is
 *     version: 0.0.0                              # cdk8s requires a pinned version; not used for local paths
 *     class: GatewayApiValidationPlugin
 *     properties:
 *       channel: standard                         # or experimental
 * ```
 *
 * Each distinct message is one rule of the report; its occurrences list the resource (cdk8s maps it to the
 * construct path), the manifest and the field paths.
 */
export class GatewayApiValidationPlugin {
  /** The channel the manifests are validated against. */
  public readonly channel: ValidationChannel;

  public constructor(props: GatewayApiValidationPluginProps = {}) {
    const channel = props.channel ?? 'standard';
    if (channel !== 'standard' && channel !== 'experimental') {
      throw new Error(`GatewayApiValidationPlugin: invalid channel "${channel}" in the plugin properties: use standard or experimental`);
    }
    this.channel = channel === 'standard' ? ValidationChannel.STANDARD : ValidationChannel.EXPERIMENTAL;
  }

  /**
   * Runs the validation (called by the cdk8s CLI with its ValidationContext): reads every manifest in
   * `context.manifests`, reports violations with `context.report.addViolation` and submits the report.
   */
  public validate(context: any): void {
    const validator = new GatewayApiValidator({ channel: this.channel });
    const reports: DocumentReport[] = [];
    for (const manifest of context.manifests as string[]) reports.push(...validateFile(manifest, validator));
    const violations = new Map<string, Violation>();
    let checked = 0;
    for (const r of reports) {
      if (r.skipped) continue;
      checked++;
      for (const e of r.errors) {
        const kind = r.kind ?? 'document';
        const ruleName = `${kind}: ${e.message}`;
        let v = violations.get(ruleName);
        if (!v) {
          v = {
            ruleName,
            recommendation: e.message,
            fix: `Change the field at the listed location${r.kind ? ` of the ${r.kind}` : ''} so that it satisfies the Gateway API ${BUNDLE_VERSION} ${this.channel} channel CRD (the API server would reject it with this message).`,
            violatingResources: [],
          };
          violations.set(ruleName, v);
        }
        const resourceName = r.name ?? `${r.file}#${r.index}`;
        const location = e.path || '(document)';
        const existing = v.violatingResources.find((x) => x.resourceName === resourceName && x.manifestPath === r.file);
        if (existing) existing.locations.push(location);
        else v.violatingResources.push({ resourceName, locations: [location], manifestPath: r.file });
      }
    }
    for (const v of violations.values()) context.report.addViolation(v);
    context.report.submit(violations.size > 0 ? 'failure' : 'success', {
      'gateway-api-version': BUNDLE_VERSION,
      'channel': this.channel,
      'documents-validated': String(checked),
    });
  }
}
