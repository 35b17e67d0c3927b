/**
 * The benchmark stages. Each builds the whole scenario into an App; the runner then synthesizes it to YAML.
 * - baseline: plain cdk8s L1 objects, no L2 logic (bench/baseline.ts)
 * - l2: the same manifests through the persona constructs (bench/l2.ts)
 */
import { App } from 'cdk8s';
import { emitBaseline } from './baseline';
import { emitL2 } from './l2';
import { ScenarioModel } from './scenario';

export type Stage = (app: App, scenario: ScenarioModel) => void;

export const STAGES: Record<string, Stage> = {
  baseline: emitBaseline,
  l2: emitL2,
};
