/**
 * Upstream-example parity: for every manifest under ../shared/gateway-api-v1.6.1/examples, a small L2 program under
 * examples/upstream/<channel>/<same path>.ts produces the same objects. Both sides are parsed and compared
 * semantically: key order ignored, CRD defaults applied to both sides, empty maps treated as absent.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { GatewayApiValidation, ValidationChannel } from '../src';
import { normalizeForParity } from './support/parity';
import { listFiles, sharedPath } from './support/shared';

/** Upstream files without an L2 program, each with its reason. */
const EXEMPT: Record<string, string> = {};

const EXAMPLES_DIR = path.join(__dirname, '..', 'examples', 'upstream');

interface Case {
  readonly rel: string; // e.g. standard/basic-http.yaml
  readonly channel: string;
  readonly upstream: string;
  readonly program: string;
}

function cases(): Case[] {
  const root = sharedPath('examples');
  return listFiles(root).map((file) => {
    const rel = path.relative(root, file);
    return {
      rel,
      channel: rel.split(path.sep)[0],
      upstream: file,
      program: path.join(EXAMPLES_DIR, rel.replace(/\.yaml$/, '.ts')),
    };
  });
}

function upstreamObjects(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf-8'))
    .map((d) => d.toJSON())
    .filter((o) => o !== null && o !== undefined);
}

/**
 * The objects the program synthesizes. Every object is also validated against the CRDs of the example's channel
 * (the synth-time validation), so a program cannot reproduce an example with objects the cluster would reject.
 */
function programObjects(program: string, channel: string): any[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(program);
  if (typeof mod.build !== 'function') throw new Error(`${program} must export function build(app: App): void`);
  const app: App = Testing.app();
  GatewayApiValidation.enable(app, { channel: channel === 'experimental' ? ValidationChannel.EXPERIMENTAL : ValidationChannel.STANDARD });
  mod.build(app);
  return app.charts.flatMap((c) => c.toJson());
}

const key = (o: any) => `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const byKey = (objs: any[]) => [...objs].sort((a, b) => key(a).localeCompare(key(b)));

/** Lines that carry content: no blanks, comments or lone brackets. */
function contentLines(file: string): number {
  return fs.readFileSync(file, 'utf-8').split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('//') && !l.startsWith('*') && !l.startsWith('/*')
      && !/^[\]\[{}(),;]+$/.test(l) && l !== '---' && !l.startsWith('import ')).length;
}

const all = cases();
const reproduced: string[] = [];
const lines = { yaml: 0, l2: 0 };

describe('upstream example parity', () => {
  afterAll(() => {
    const considered = all.filter((c) => !(c.rel in EXEMPT)).length;
    // eslint-disable-next-line no-console
    console.log(
      `parity: ${reproduced.length}/${all.length} upstream examples reproduced` +
      ` (${Object.keys(EXEMPT).length} exempt, ${considered} considered); ` +
      `content lines: YAML ${lines.yaml}, L2 programs ${lines.l2}`,
    );
  });

  test.each(all.filter((c) => !(c.rel in EXEMPT)).map((c) => [c.rel, c] as const))('%s', (_rel, c) => {
    expect(fs.existsSync(c.program) ? c.program : `missing L2 program ${path.relative(process.cwd(), c.program)}`)
      .toBe(c.program);
    const expected = byKey(upstreamObjects(c.upstream).map((o) => normalizeForParity(o, c.channel)));
    const actual = byKey(programObjects(c.program, c.channel).map((o) => normalizeForParity(o, c.channel)));
    expect(actual).toStrictEqual(expected);
    reproduced.push(c.rel);
    lines.yaml += contentLines(c.upstream);
    lines.l2 += contentLines(c.program);
  });

  test('the L2 programs are shorter than the YAML they replace', () => {
    expect(reproduced.length).toBeGreaterThan(0);
    expect(lines.l2).toBeLessThan(lines.yaml);
  });

  test('every exemption names an upstream file and a reason', () => {
    for (const [rel, reason] of Object.entries(EXEMPT)) {
      expect(all.map((c) => c.rel)).toContain(rel);
      expect(reason.length).toBeGreaterThan(10);
    }
  });
});
