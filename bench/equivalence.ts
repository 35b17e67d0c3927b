/**
 * Checks that every stage synthesizes exactly the baseline's YAML for a small scenario (run by the benchmark before
 * measuring, so the stages are comparable): `npx ts-node --project bench/tsconfig.json bench/equivalence.ts`.
 */
import { App } from 'cdk8s';
import { buildScenario, ScenarioModel } from './scenario';
import { ALL_STAGES } from './stages';

export function checkEquivalence(routes = 300): void {
  for (const layout of ['namespace', 'persona'] as const) checkLayout(buildScenario({ routes, gateways: 20, namespaces: 40, layout }));
}

function checkLayout(scenario: ScenarioModel): void {
  const yaml = (name: string) => {
    const app = new App({ outdir: 'bench-out-unused' });
    ALL_STAGES[name](app, scenario);
    return app.synthYaml();
  };
  const baseline = yaml('baseline');
  for (const name of Object.keys(ALL_STAGES).filter((s) => s !== 'baseline')) {
    const out = yaml(name);
    if (out !== baseline) {
      const a = baseline.split('\n');
      const b = out.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      throw new Error(`${scenario.name}: stage "${name}" does not synthesize the baseline's YAML: first difference at line ${i + 1}:\n` +
        `  baseline: ${a[i]}\n  ${name}: ${b[i]}\n${a.slice(Math.max(0, i - 8), i + 3).join('\n')}`);
    }
  }
}

if (require.main === module) {
  checkEquivalence();
  process.stdout.write('every stage synthesizes the baseline YAML\n');
}
