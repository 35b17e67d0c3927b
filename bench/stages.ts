/**
 * The benchmark stages. Each builds the whole scenario into an App; the runner then synthesizes it to YAML.
 * - baseline: plain cdk8s L1 objects, no L2 logic (bench/baseline.ts)
 * - l2: the same manifests through the persona constructs (bench/l2.ts), with the synth-time validation off
 * - validate: l2 + the synth-time schema/CEL validation (what L2 charts do by default)
 * - analyze: l2 + validation + the attachment analysis of the whole app
 */
import { ApiObject, App } from 'cdk8s';
import { Construct } from 'constructs';
import { emitBaseline } from './baseline';
import { emitL2 } from './l2';
import { ScenarioModel } from './scenario';
import { CheckMode, GatewayApiAnalysis, GatewayApiValidation } from '../src';

export type Stage = (app: App, scenario: ScenarioModel) => void;

/** The stages the targets are about, in the order they are reported (baseline first). */
export const STAGES: Record<string, Stage> = {
  baseline: emitBaseline,
  l2: (app, scenario) => {
    GatewayApiValidation.enable(app, { mode: CheckMode.OFF });
    emitL2(app, scenario);
  },
  validate: emitL2,
  analyze: (app, scenario) => {
    GatewayApiAnalysis.enable(app);
    emitL2(app, scenario);
  },
};

/**
 * A diagnostic stage, reported next to the others: the baseline with one empty construct added under every object.
 * It synthesizes the same YAML and has the construct count of an L2 that wraps each L1 object (issue 3's `Resource`
 * child), so it shows what cdk8s itself charges for the extra constructs, whatever the library does: cdk8s validates
 * the whole app once per chart it writes, so its cost grows with charts × constructs.
 */
export const DIAGNOSTIC_STAGES: Record<string, Stage> = {
  wrapped: (app, scenario) => {
    emitBaseline(app, scenario);
    for (const chart of app.node.children) {
      for (const obj of chart.node.children) if (obj instanceof ApiObject) new Construct(obj, 'Wrapper');
    }
  },
};

/** Every stage by name. */
export const ALL_STAGES: Record<string, Stage> = { ...STAGES, ...DIAGNOSTIC_STAGES };
