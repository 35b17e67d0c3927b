/**
 * The support matrix of docs/implementations.md: the newest conformance report of every implementation, and per
 * feature whether it claims it. Rendered from the catalogue (test/features/docs.test.ts keeps the doc current).
 */
import { CORE_FEATURE_PROFILES, ClaimStatus, claimOf, displayNameOf, implementationIds, reportedFeatures, reportsOf } from './catalogue';
import { CONTROLLERS, UNVERIFIED_CONTROLLERS } from './controllers';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The Markdown of the generated sections (reports, matrix, controller table), between their markers. */
export function renderImplementationsDoc(): { reports: string; matrix: string; controllers: string } {
  const ids = implementationIds();
  const newest = ids.map((id) => reportsOf(id)[0]);

  const reports = [
    '| id | implementation | version | Gateway API | channel | mode | date | report |',
    '|---|---|---|---|---|---|---|---|',
    ...newest.map((r) => `| \`${r.implementation}\` | ${cell(displayNameOf(r.implementation))} | ${r.version} | ${r.gatewayAPIVersion} | ${r.channel} | ${r.mode} `
      + `| ${r.date.slice(0, 10)} | \`${r.file}\` |`),
  ].join('\n');

  const features = [...Object.keys(CORE_FEATURE_PROFILES).sort(), ...reportedFeatures()];
  const header = `| feature | ${ids.map((_, i) => String(i + 1)).join(' | ')} |`;
  const rows = features.map((f) => {
    const marks = newest.map((r) => {
      if (claimOf(r, f) === ClaimStatus.SUPPORTED) return '✓';
      const listed = Object.values(r.profiles).some((p) => p.unsupported.includes(f));
      return listed ? '✗' : '–';
    });
    const core = CORE_FEATURE_PROFILES[f] !== undefined ? ' (core)' : '';
    return `| ${f}${core} | ${marks.join(' | ')} |`;
  });
  const legend = ids.map((id, i) => `${i + 1}: \`${id}\` ${newest[i].version}`).join(' · ');
  const matrix = [header, `|---|${ids.map(() => ':-:').join('|')}|`, ...rows, '', `Columns: ${legend}.`].join('\n');

  const controllers = [
    '| controllerName | implementation | evidence | source |',
    '|---|---|---|---|',
    ...CONTROLLERS.map((c) => `| \`${c.controllerName}\` | \`${c.implementation}\` | ${c.evidence} | ${cell(c.source)} |`),
    ...Object.entries(UNVERIFIED_CONTROLLERS).map(([id, note]) => `| (not resolved) | \`${id}\` | unverified | ${cell(note)} |`),
  ].join('\n');
  return { reports, matrix, controllers };
}
