/**
 * `cdk8s-gateway-api features`: which Gateway API conformance features manifests use, and which implementations'
 * conformance reports claim them. Not part of the jsii API.
 */
import { Command } from 'commander';
import { InputError, readManifests } from './input';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { describeReport, isCoreFeature, isKnownFeature } from '../features/catalogue';
import { detectFeatures, FeatureDetection } from '../features/detect';
import { FeatureSupport, Implementation } from '../features/implementation';

const HELP_AFTER = `
Feature names are those of the Gateway API conformance reports (e.g. HTTPRouteRequestMirror, GatewayPort8080); core
features (Gateway, HTTPRoute, GRPCRoute, TLSRoute, ReferenceGrant, Mesh) are claimed by running their profile. Each
implementation is checked against its newest report (or the newest of NAME@VERSION). Services referenced by routes
are read for appProtocol. See docs/implementations.md.

Text output: a row per used feature, a column per implementation: ✓ claimed, ✗ not claimed, ? no report mentions it.

Exit codes: 0 ok, 1 the --implementation does not claim a used feature, 2 usage error or unreadable input.`;

interface ImplementationResult {
  readonly name: string;
  readonly displayName: string;
  readonly version: string;
  readonly report: { file: string; gatewayApiVersion: string; channel: string; mode: string; date: string };
  readonly claimed: number;
  readonly missing: string[];
  readonly unknown: string[];
}

function resultOf(impl: Implementation, features: readonly string[]): ImplementationResult {
  const missing: string[] = [];
  const unknown: string[] = [];
  let claimed = 0;
  for (const f of features) {
    const s = impl.supportOf(f);
    if (s === FeatureSupport.SUPPORTED) claimed++;
    else if (s === FeatureSupport.UNKNOWN) unknown.push(f);
    else missing.push(f);
  }
  const r = impl.report;
  return {
    name: impl.name,
    displayName: impl.displayName,
    version: r.version,
    report: { file: r.file, gatewayApiVersion: r.gatewayApiVersion, channel: r.channel, mode: r.mode, date: r.date },
    claimed,
    missing,
    unknown,
  };
}

/** The ranking: most used features claimed first, then by name. */
function ranking(features: readonly string[]): ImplementationResult[] {
  return Implementation.ids().map((id) => resultOf(Implementation.named(id), features))
    .sort((a, b) => b.claimed - a.claimed || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function parseImplementation(value: string): Implementation {
  const at = value.lastIndexOf('@');
  const name = at > 0 ? value.slice(0, at) : value;
  const version = at > 0 ? value.slice(at + 1) : undefined;
  if (version === '') throw new Error(`--implementation ${value}: the version after "@" is empty`);
  return Implementation.named(name, version);
}

function jsonOutput(d: FeatureDetection, one?: ImplementationResult, all?: ImplementationResult[]): string {
  const out: any = {
    features: d.features,
    objects: d.objects.map((o) => ({
      kind: o.kind,
      ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
      name: o.name,
      features: o.uses.map((u) => ({ feature: u.feature, core: u.core, known: u.known, path: u.path, where: u.where, what: u.what })),
    })),
  };
  if (one) out.implementation = one;
  if (all) out.implementations = all;
  return JSON.stringify(out, null, 2) + '\n';
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function textOutput(d: FeatureDetection, impls: Implementation[], one?: ImplementationResult): string {
  const lines: string[] = [];
  if (d.features.length === 0) {
    lines.push(`No Gateway API conformance feature in use (${d.objects.length} Gateway API object${d.objects.length === 1 ? '' : 's'}).`);
  } else {
    const uses = new Map<string, number>();
    for (const o of d.objects) for (const f of new Set(o.uses.map((u) => u.feature))) uses.set(f, (uses.get(f) ?? 0) + 1);
    const width = Math.max(7, ...d.features.map((f) => f.length));
    const cols = impls.map((_, i) => String(i + 1));
    const colWidth = Math.max(2, ...cols.map((c) => c.length + 1));
    lines.push(`${pad('feature', width)}  level     objects  ${cols.map((c) => pad(c, colWidth)).join('')}`.trimEnd());
    for (const f of d.features) {
      const level = isCoreFeature(f) ? 'core' : isKnownFeature(f) ? 'extended' : 'unknown';
      const cells = impls.map((impl) => {
        const s = impl.supportOf(f);
        return pad(s === FeatureSupport.SUPPORTED ? '✓' : s === FeatureSupport.NOT_CLAIMED ? '✗' : '?', colWidth);
      });
      lines.push(`${pad(f, width)}  ${pad(level, 8)}  ${pad(String(uses.get(f)), 7)}  ${cells.join('')}`.trimEnd());
    }
    lines.push('');
    impls.forEach((impl, i) => {
      lines.push(`${pad(String(i + 1), 3)}${impl.toString()} (${describeReport(impl._report())})`);
    });
  }
  if (one) {
    lines.push('');
    if (one.missing.length === 0) {
      const unknown = one.unknown.length ? `; no conformance report mentions ${one.unknown.join(', ')}` : '';
      lines.push(`${one.name} ${one.version} claims every used feature${unknown}.`);
    } else {
      lines.push(`${one.name} ${one.version} does not claim ${one.missing.length} of ${d.features.length} used features:`);
      for (const o of d.objects) {
        for (const u of o.uses) {
          if (!one.missing.includes(u.feature)) continue;
          lines.push(`  ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} ${u.path}: ${u.where} uses ${u.what} (${u.feature})`);
        }
      }
      if (one.unknown.length) lines.push(`  unknown (no report mentions them): ${one.unknown.join(', ')}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The `features` command. */
export function createFeaturesCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('features')
    .description('List the Gateway API conformance features manifests use, and which implementations claim them')
    .argument('<inputs...>', 'files, directories (read recursively: .yaml, .yml, .json) or - for standard input')
    .option('--output <format>', 'text (a table) or json', 'text')
    .option('--implementation <name[@version]>', 'check against this implementation\'s newest report (or that of the version), e.g. envoy-gateway@1.8')
    .option('--implementations', 'rank every implementation by how many used features its newest report claims')
    .addHelpText('after', HELP_AFTER)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .action((inputs: string[], opts: { output: string; implementation?: string; implementations?: boolean }) => {
      if (opts.output !== 'text' && opts.output !== 'json') {
        io.stderr(`error: --output must be text or json (got "${opts.output}")\n`);
        setExit(EXIT_USAGE);
        return;
      }
      let impl: Implementation | undefined;
      try {
        impl = opts.implementation === undefined ? undefined : parseImplementation(opts.implementation);
      } catch (e) {
        io.stderr(`error: ${(e as Error).message}\n`);
        setExit(EXIT_USAGE);
        return;
      }
      let objects: any[];
      try {
        objects = readManifests(inputs, io);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        io.stderr(`error: ${e.message}\n`);
        setExit(EXIT_USAGE);
        return;
      }
      const detection = detectFeatures(objects);
      const one = impl ? resultOf(impl, detection.features) : undefined;
      const all = opts.implementations ? ranking(detection.features) : undefined;
      if (opts.output === 'json') {
        io.stdout(jsonOutput(detection, one, all));
      } else {
        const columns = impl && !opts.implementations ? [impl] : (all ?? ranking(detection.features)).map((r) => Implementation.named(r.name));
        io.stdout(textOutput(detection, columns, one));
      }
      setExit(one && one.missing.length > 0 ? EXIT_FINDINGS : EXIT_OK);
    });
}
