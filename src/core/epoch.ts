/**
 * cdk8s runs every construct validation of an app once per `app.synth()` and again for every chart it writes
 * (`chart.toJson()` validates the whole app), so an app with N charts is validated N + 1 times per synth.
 * App-wide checks (schema validation, attachment analysis) therefore reuse their result within one synchronous
 * run — an "epoch", which ends when the event loop moves on — as long as the number of constructs did not change.
 */
let epoch = 0;
let epochEnding = false;

/**
 * The current epoch: the same number until the current synchronous run ends.
 * @internal
 */
export function _currentSynthEpoch(): number {
  if (!epochEnding) {
    epochEnding = true;
    queueMicrotask(() => {
      epoch++;
      epochEnding = false;
    });
  }
  return epoch;
}
