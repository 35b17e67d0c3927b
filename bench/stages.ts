/**
 * The benchmark stages. Each builds the whole scenario into an App; the runner then synthesizes it to YAML.
 * - baseline: plain cdk8s L1 objects, no L2 logic (bench/baseline.ts)
 * - l2: the same manifests through the persona constructs (bench/l2.ts), with the synth-time validation off
 * - validate: l2 + the synth-time schema/CEL validation (what L2 charts do by default)
 * - analyze: l2 + validation + the attachment analysis of the whole app
 */
import { App } from 'cdk8s';
import { emitBaseline } from './baseline';
import { emitL2 } from './l2';
import { ScenarioModel } from './scenario';
import { GatewayApiAnalysis, GatewayApiValidation, ValidationMode } from '../src';

export type Stage = (app: App, scenario: ScenarioModel) => void;

export const STAGES: Record<string, Stage> = {
  baseline: emitBaseline,
  l2: (app, scenario) => {
    GatewayApiValidation.enable(app, { mode: ValidationMode.OFF });
    emitL2(app, scenario);
  },
  validate: emitL2,
  analyze: (app, scenario) => {
    GatewayApiAnalysis.enable(app);
    emitL2(app, scenario);
  },
};
