import {
  CatalogueReport, ClaimStatus, claimOf, displayNameOf, implementationIds, reportsOf, versionMatches,
} from './catalogue';
import { implementationOfController } from './controllers';

/** How an implementation's conformance report stands on a feature. */
export enum FeatureSupport {
  /** The report claims the feature: an extended feature it lists as supported, or a core feature of a profile it ran. */
  SUPPORTED = 'supported',
  /** The report does not claim the feature: it lists it as unsupported, or did not run the profile that has it. */
  NOT_CLAIMED = 'not-claimed',
  /** No conformance report mentions the feature, so it cannot be checked (e.g. TCPRoute, UDPRoute). */
  UNKNOWN = 'unknown',
}

/** The conformance report an `Implementation` is checked against. */
export interface ConformanceReportInfo {
  /** The report file inside the release's `conformance-reports/` folder. */
  readonly file: string;
  /** The implementation version the report was made with, as the report writes it (e.g. `v3.7`, `1.28`). */
  readonly version: string;
  /** The Gateway API version of the conformance suite, e.g. `v1.5.1`. */
  readonly gatewayApiVersion: string;
  /** The Gateway API channel the suite ran with: `standard` or `experimental`. */
  readonly channel: string;
  /** The implementation's mode, e.g. `default` or `gateway-namespace-mode`. */
  readonly mode: string;
  /** The report's date (RFC 3339). */
  readonly date: string;
}

/**
 * A Gateway API implementation whose conformance report the feature lint checks the app against.
 *
 * The catalogue is generated from the conformance reports of the Gateway API release (see docs/implementations.md).
 * An implementation is checked against its newest report, or the newest report of the version asked for.
 *
 * @example
 * // every object of the app may use only the features that Envoy Gateway's newest conformance report claims
 * GatewayApiValidation.enable(app, { implementation: Implementation.named('envoy-gateway') });
 * // this chart: the features of Istio's 1.28 report
 * const istio = Implementation.named('istio', '1.28');
 * GatewayApiValidation.enable(chart, { implementation: istio });
 */
export class Implementation {
  /**
   * The implementation with this catalogue id (e.g. `envoy-gateway`, `istio`, `traefik`; see `Implementation.ids()`),
   * checked against its newest conformance report, or against the newest report of `version` (e.g. `1.8` matches
   * a report of `v1.8.0`). Throws when the id or the version has no report.
   *
   * @param name the catalogue id, or the implementation's display name (case-insensitive)
   * @param version the implementation version (a prefix such as `1.8` selects the newest matching report)
   * @default version - the newest report of the implementation
   */
  public static named(name: string, version?: string): Implementation {
    const ids = implementationIds();
    const wanted = String(name).trim().toLowerCase();
    const id = ids.find((i) => i === wanted) ?? ids.find((i) => displayNameOf(i).toLowerCase() === wanted);
    if (id === undefined) {
      throw new Error(`unknown Gateway API implementation "${name}": the conformance reports know ${ids.join(', ')}`);
    }
    const reports = reportsOf(id);
    const chosen = version === undefined ? reports[0] : reports.find((r) => versionMatches(version, r.version));
    if (chosen === undefined) {
      const versions = [...new Set(reports.map((r) => r.version))].join(', ');
      throw new Error(`${id} has no conformance report for version "${version}"; reports exist for ${versions}`);
    }
    return new Implementation(id, chosen);
  }

  /**
   * The implementation whose GatewayClass controller name is `controllerName` (see docs/implementations.md for the
   * table and its sources), checked against its newest report; undefined when the controller is not in the table.
   */
  public static fromControllerName(controllerName: string): Implementation | undefined {
    const id = implementationOfController(controllerName);
    return id === undefined ? undefined : Implementation.named(id);
  }

  /** The catalogue ids of every implementation with a conformance report, sorted. */
  public static ids(): string[] {
    return implementationIds();
  }

  /** The catalogue id, e.g. `envoy-gateway`. */
  public readonly name: string;
  /** The display name, e.g. `Envoy Gateway`. */
  public readonly displayName: string;
  /** The report this implementation is checked against. */
  public readonly report: ConformanceReportInfo;

  private readonly source: CatalogueReport;

  private constructor(id: string, report: CatalogueReport) {
    this.name = id;
    this.displayName = displayNameOf(id);
    this.source = report;
    this.report = {
      file: report.file,
      version: report.version,
      gatewayApiVersion: report.gatewayAPIVersion,
      channel: report.channel,
      mode: report.mode,
      date: report.date,
    };
  }

  /** How the report stands on a conformance feature name, e.g. `HTTPRouteRequestMirror`. */
  public supportOf(feature: string): FeatureSupport {
    switch (claimOf(this.source, feature)) {
      case ClaimStatus.SUPPORTED: return FeatureSupport.SUPPORTED;
      case ClaimStatus.NOT_CLAIMED: return FeatureSupport.NOT_CLAIMED;
      default: return FeatureSupport.UNKNOWN;
    }
  }

  /**
   * The catalogue entry of the report.
   * @internal
   */
  public _report(): CatalogueReport {
    return this.source;
  }

  /** `traefik v3.7`: the id and the report's implementation version, for messages. */
  public toString(): string {
    return `${this.name} ${this.report.version}`;
  }
}
