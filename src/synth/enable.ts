import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GatewayApiValidation } from './validation';

/**
 * Turns on synth-time validation (CRD schema + CEL rules) for the chart of an L2 construct, so every Gateway API
 * object the library synthesizes is checked like the API server would. Idempotent; the chart's (or App's)
 * `GatewayApiValidation` settings (channel, mode) apply. Constructs outside a Chart are left alone.
 *
 * This is where the L2 constructs wire the engines into cdk8s (the synth layer): `core/` stays free of engines.
 * @internal
 */
export function _enableSynthValidation(scope: IConstruct): void {
  let chart: Chart;
  try {
    chart = Chart.of(scope);
  } catch {
    return;
  }
  GatewayApiValidation.enable(chart);
}
