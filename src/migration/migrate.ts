/**
 * The migration engine: readers → model → emitters, on plain manifests (never constructs).
 *
 * ```ts
 * const result = migrateManifests(objects, { gatewayClassName: 'eg' });
 * result.manifests;   // Gateway API v1.6.1 objects
 * result.reports;     // per source object: every annotation and what it became, or why not
 * result.verify();    // the routing-simulator equivalence: differences with the request that shows them
 * ```
 */
import { shapeCanaries } from './canary-shape';
import { emitManifests, usesExperimentalChannel } from './emit-yaml';
import { readIngresses } from './ingress';
import { MigrationDifference, MigrationModel, SourceReport } from './model';
import { MigrateOptions } from './options';
import { readTraefik } from './traefik';
import { verifyMigration } from './verify';
import { detectFeatures } from '../features/detect';

export type { MigrationSource } from './options';
export type { MigrateOptions } from './options';

/** An implementation-specific (non-core) feature the result uses. */
export interface MigrationFeatureUse {
  readonly object: string;
  readonly feature: string;
  readonly support: 'extended' | 'implementation-specific';
  readonly path: string;
  readonly what: string;
}

/** The outcome of `migrateManifests`. */
export interface MigrationResult {
  readonly manifests: any[];
  readonly reports: SourceReport[];
  readonly features: MigrationFeatureUse[];
  /** Whether the result needs the experimental channel CRDs (sessionPersistence, …). */
  readonly experimental: boolean;
  readonly model: MigrationModel;
  /** True when every annotation/middleware/field was converted (possibly with a caveat). */
  readonly complete: boolean;
  verify(): { probes: number; differences: MigrationDifference[] };
}

const IMPLEMENTATION_SPECIFIC = new Set(['HTTPRoutePathRegularExpression']);

/** Migrates the Ingresses (and, later, Traefik objects) of `objects` to Gateway API manifests. */
export function migrateManifests(objects: any[], options: MigrateOptions = {}): MigrationResult {
  if (!Array.isArray(objects)) throw new Error('migrateManifests: objects must be an array of manifest objects');
  if (options.gateway && options.gatewayClassName) throw new Error('migrateManifests: gateway and gatewayClassName are exclusive (routes attach to the existing Gateway, or to generated ones of the class)');
  const from = options.from ?? 'auto';
  const model = from === 'traefik' || from === 'auto' ? mergeModels(readIngresses(objects, options), readTraefik(objects, options)) : readIngresses(objects, options);
  shapeCanaries(model.routes);
  const manifests = emitManifests(model);
  const detection = detectFeatures([...manifests, ...model.lookups.filter((o) => o.kind === 'Service')], { defaultNamespace: options.defaultNamespace });
  const features: MigrationFeatureUse[] = [];
  for (const o of detection.objects) {
    const seen = new Set<string>();
    for (const u of o.uses) {
      if (u.core || seen.has(u.feature)) continue;
      seen.add(u.feature);
      features.push({
        object: `${o.kind} ${o.namespace ?? ''}/${o.name}`,
        feature: u.feature,
        support: IMPLEMENTATION_SPECIFIC.has(u.feature) ? 'implementation-specific' : 'extended',
        path: u.path,
        what: u.what,
      });
    }
  }
  const experimental = usesExperimentalChannel(manifests);
  const complete = model.reports.every((r) => r.items.every((i) => i.status !== 'not-converted'));
  return {
    manifests,
    reports: model.reports,
    features,
    experimental,
    model,
    complete,
    verify: () => verifyMigration(model, manifests, objects),
  };
}

/** Merges two readers' models: Gateways of the same key share their listeners. */
function mergeModels(a: MigrationModel, b: MigrationModel): MigrationModel {
  const gateways = [...a.gateways];
  for (const g of b.gateways) {
    const same = gateways.find((x) => x.key === g.key);
    if (!same) { gateways.push(g); continue; }
    for (const l of g.listeners) {
      if (!same.listeners.some((x) => x.port === l.port && x.protocol === l.protocol && x.hostname === l.hostname)) (same.listeners as any[]).push(l);
    }
    for (const ns of g.routeNamespaces) same.routeNamespaces.add(ns);
  }
  return {
    gateways,
    routes: [...a.routes, ...b.routes],
    policies: [...a.policies, ...b.policies],
    reports: [...a.reports, ...b.reports],
    locations: [...a.locations, ...b.locations],
    lookups: a.lookups,
    notes: [...a.notes, ...b.notes],
  };
}

/** The report as text (stderr of the CLI): per source object, every item, then the features and differences. */
export function formatMigrationReport(result: MigrationResult, differences?: MigrationDifference[], probes?: number): string {
  const out: string[] = [];
  const mark = { 'converted': 'converted', 'caveat': 'caveat   ', 'not-converted': 'NOT      ', 'ignored': 'ignored  ' } as const;
  for (const r of result.reports) {
    out.push(`${r.kind} ${r.namespace}/${r.name} → ${r.outputs.length ? r.outputs.join(', ') : '(nothing)'}`);
    for (const i of r.items) {
      const status = i.status === 'converted' ? 'converted' : mark[i.status];
      out.push(`  ${status} ${i.key}${i.value !== undefined ? `=${JSON.stringify(i.value)}` : ''}: ${i.message}${i.instead ? ` (instead: ${i.instead})` : ''}`);
    }
  }
  for (const n of result.model.notes) out.push(`note: ${n}`);
  if (result.features.length) {
    out.push('implementation-specific parts of the result (check your implementation supports them):');
    for (const f of result.features) out.push(`  ${f.object} uses ${f.feature}: ${f.support} (first at ${f.path}: ${f.what})`);
  }
  if (result.experimental) out.push('the result uses sessionPersistence: install the experimental channel CRDs');
  const notConverted = result.reports.flatMap((r) => r.items.filter((i) => i.status === 'not-converted').map((i) => `${r.kind} ${r.namespace}/${r.name}: ${i.key}`));
  if (notConverted.length) out.push(`not converted (${notConverted.length}): ${notConverted.join('; ')}`);
  if (differences !== undefined) {
    if (differences.length === 0) {out.push(`equivalence: ${probes ?? 0} requests route the same`);} else {
      out.push(`equivalence: ${differences.length} of ${probes ?? 0} requests route differently:`);
      for (const d of differences) out.push(`  ${d.source}: ${d.request}: expected ${d.expected}, got ${d.actual}`);
    }
  }
  return out.join('\n') + '\n';
}

/** The report as JSON (`--report-json`). */
export function migrationReportJson(result: MigrationResult, differences?: MigrationDifference[], probes?: number): any {
  return {
    sources: result.reports,
    notes: result.model.notes,
    features: result.features,
    experimental: result.experimental,
    complete: result.complete,
    ...(differences !== undefined ? { equivalence: { probes, differences } } : {}),
  };
}
