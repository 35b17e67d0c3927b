/**
 * The implementation catalogue: what each Gateway API implementation's conformance reports claim, from the JSON
 * that `scripts/build-feature-catalogue.js` generates out of the release's `conformance-reports/` (run by
 * `npx projen import`). Engine-internal: the jsii API is `Implementation` (implementation.ts).
 */
import CATALOGUE_JSON from './catalogue-data.json';

/** One profile of a conformance report. */
export interface CatalogueProfile {
  /** The core tests' result: `success`, `partial`, `failure`. */
  readonly core: string;
  /** The extended tests' result, when the report ran them. */
  readonly extended?: string;
  /** The extended features the report claims. */
  readonly supported: readonly string[];
  /** The extended features the report lists as not supported. */
  readonly unsupported: readonly string[];
}

/** One conformance report. */
export interface CatalogueReport {
  /** The report file, relative to the conformance-reports folder, e.g. `v1.5/traefik-traefik/experimental-v3.7.0-default-report.yaml`. */
  readonly file: string;
  /** The catalogue id of the implementation, e.g. `traefik`. */
  readonly implementation: string;
  /** The implementation version the report was made with, as written in the report (e.g. `v3.7`, `1.28`). */
  readonly version: string;
  /** The Gateway API version of the conformance suite, e.g. `v1.5.1`. */
  readonly gatewayAPIVersion: string;
  /** The Gateway API channel the suite ran with: `standard` or `experimental`. */
  readonly channel: string;
  /** The implementation's mode (`default`, or e.g. `gateway-namespace-mode`). */
  readonly mode: string;
  /** The report's date (RFC 3339, as written in the report). */
  readonly date: string;
  /** The profiles, by name (`GATEWAY-HTTP`, `GATEWAY-GRPC`, `GATEWAY-TLS`, `MESH-HTTP`, `MESH-GRPC`). */
  readonly profiles: { readonly [name: string]: CatalogueProfile };
}

interface CatalogueFile {
  readonly source: string;
  readonly features: { readonly [name: string]: readonly string[] };
  readonly implementations: { readonly [id: string]: { readonly name: string } };
  readonly reports: readonly CatalogueReport[];
}

const CATALOGUE = CATALOGUE_JSON as unknown as CatalogueFile;

/** Where the catalogue comes from, e.g. `gateway-api-v1.6.1/conformance-reports`. */
export const CATALOGUE_SOURCE = CATALOGUE.source;

/**
 * The core features of each conformance profile (conformance/utils/suite/profiles.go in kubernetes-sigs/gateway-api).
 * Reports do not list core features: a report claims them by running the profile.
 */
export const CORE_FEATURE_PROFILES: { readonly [feature: string]: readonly string[] } = {
  Gateway: ['GATEWAY-GRPC', 'GATEWAY-HTTP', 'GATEWAY-TLS'],
  ReferenceGrant: ['GATEWAY-GRPC', 'GATEWAY-HTTP', 'GATEWAY-TLS'],
  HTTPRoute: ['GATEWAY-HTTP', 'MESH-HTTP'],
  GRPCRoute: ['GATEWAY-GRPC', 'MESH-GRPC'],
  TLSRoute: ['GATEWAY-TLS'],
  Mesh: ['MESH-GRPC', 'MESH-HTTP'],
};

/** The extended feature names of every report (the "universe"), sorted. */
export function reportedFeatures(): string[] {
  return Object.keys(CATALOGUE.features).sort();
}

/** The profiles that list an extended feature, or that have a core feature; empty for a name no report mentions. */
export function profilesOf(feature: string): readonly string[] {
  return CATALOGUE.features[feature] ?? CORE_FEATURE_PROFILES[feature] ?? [];
}

/** Whether a feature is a core feature of a profile (as opposed to extended, or unknown). */
export function isCoreFeature(feature: string): boolean {
  return CORE_FEATURE_PROFILES[feature] !== undefined;
}

/** Whether any report mentions the feature (core features count as mentioned through their profiles). */
export function isKnownFeature(feature: string): boolean {
  return CATALOGUE.features[feature] !== undefined || isCoreFeature(feature);
}

/** The catalogue ids of every implementation with a report, sorted. */
export function implementationIds(): string[] {
  return Object.keys(CATALOGUE.implementations).sort();
}

/** The display name of an implementation id. */
export function displayNameOf(id: string): string {
  return CATALOGUE.implementations[id]?.name ?? id;
}

/** All reports of an implementation, newest first (see `compareReports`). */
export function reportsOf(id: string): CatalogueReport[] {
  return CATALOGUE.reports.filter((r) => r.implementation === id).sort(compareReports);
}

/** All reports, by implementation id, then newest first. */
export function allReports(): readonly CatalogueReport[] {
  return CATALOGUE.reports;
}

/** The numeric parts and the pre-release suffix of a version like `v1.20.0-pre.2` or `1.28`. */
function versionKey(version: string): { nums: number[]; pre: string } {
  const m = /^v?(\d+(?:\.\d+)*)(?:[-+](.*))?$/.exec(version.trim());
  if (!m) return { nums: [], pre: version };
  return { nums: m[1].split('.').map((n) => Number(n)), pre: m[2] ?? '' };
}

/** Compares two versions (semver-like; a pre-release sorts before its release). Negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  for (let i = 0; i < Math.max(ka.nums.length, kb.nums.length); i++) {
    const d = (ka.nums[i] ?? 0) - (kb.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (ka.pre === kb.pre) return 0;
  if (ka.pre === '') return 1;
  if (kb.pre === '') return -1;
  return ka.pre < kb.pre ? -1 : 1;
}

/**
 * The order of "newest first": the newer Gateway API version of the suite, then the newer implementation version,
 * then the `default` mode before other modes, then the later date, then the file name (for a stable order).
 */
export function compareReports(a: CatalogueReport, b: CatalogueReport): number {
  return compareVersions(b.gatewayAPIVersion, a.gatewayAPIVersion)
    || compareVersions(b.version, a.version)
    || (a.mode === 'default' ? 0 : 1) - (b.mode === 'default' ? 0 : 1)
    || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)
    || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/**
 * Whether `version` (e.g. `1.8`, `v3.7`, `2.6.0`) names `reportVersion` (e.g. `v1.8.0`, `v3.7`): equal once a leading
 * `v` is dropped, or a prefix of it ending at a `.` or `-`.
 */
export function versionMatches(version: string, reportVersion: string): boolean {
  const want = version.trim().replace(/^v/, '');
  const have = reportVersion.trim().replace(/^v/, '');
  if (want === have) return true;
  if (have.startsWith(want) && (have[want.length] === '.' || have[want.length] === '-')) return true;
  // `3.7.0` names a report written as `v3.7`
  return compareVersions(want, have) === 0;
}

/** How a report stands on a feature. */
export enum ClaimStatus {
  /** The report claims the feature (an extended feature it supports, or a core feature of a profile it ran). */
  SUPPORTED = 'supported',
  /** The report does not claim it (listed as unsupported, or its profile was not run). */
  NOT_CLAIMED = 'not-claimed',
  /** No report mentions the feature, so no report can claim it. */
  UNKNOWN = 'unknown',
}

/** How `report` stands on `feature`. */
export function claimOf(report: CatalogueReport, feature: string): ClaimStatus {
  if (!isKnownFeature(feature)) return ClaimStatus.UNKNOWN;
  const core = CORE_FEATURE_PROFILES[feature];
  if (core) {
    return core.some((p) => report.profiles[p] !== undefined && report.profiles[p].core !== 'failure')
      ? ClaimStatus.SUPPORTED : ClaimStatus.NOT_CLAIMED;
  }
  return Object.values(report.profiles).some((p) => p.supported.includes(feature)) ? ClaimStatus.SUPPORTED : ClaimStatus.NOT_CLAIMED;
}

/** `v1.5.1, 2026-03-20` — the suite version and the report's day, for messages. */
export function describeReport(report: CatalogueReport): string {
  return `conformance report ${report.gatewayAPIVersion}, ${report.date.slice(0, 10)}`;
}
