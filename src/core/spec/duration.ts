/**
 * Gateway API Duration (GEP-2257): `^([0-9]{1,5}(h|m|s|ms)){1,4}$`, and the canonical way this project writes one.
 */

/** The Gateway API Duration pattern. */
export const GATEWAY_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/**
 * A whole number of milliseconds as a Gateway API Duration: one unit when it is exact and short (`90s`, `1500ms`,
 * `2h`), else every non-zero unit (`27h46m40s`); `0s` for zero. Undefined when it cannot be written (negative, not
 * whole, or over 99999 hours).
 */
export function formatGatewayDuration(ms: number): string | undefined {
  if (!Number.isInteger(ms) || ms < 0) return undefined;
  if (ms === 0) return '0s';
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    if (ms % size === 0 && ms / size <= 99999) return `${ms / size}${unit}`;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = ms % 1000;
  const out = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}${rest ? `${rest}ms` : ''}`;
  return GATEWAY_DURATION.test(out) ? out : undefined;
}
