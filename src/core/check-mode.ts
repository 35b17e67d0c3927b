/**
 * What a synth-time check (`GatewayApiValidation`, `GatewayApiAnalysis`) does with the problems it finds.
 */
export enum CheckMode {
  /** Fail `app.synth()` with one line per error; warnings are printed to stderr (the default). */
  ERROR = 'error',
  /** Print errors and warnings to stderr and go on with the synth. */
  WARN = 'warn',
  /** Do not run the check. */
  OFF = 'off',
}
