/**
 * Normalization for comparing an upstream manifest with a synthesized one "semantically":
 * empty maps and empty lists count as absent, and nothing else is changed yet.
 * (CRD defaults are applied by the validation engine once it is wired in; see test/parity.test.ts.)
 */
export function normalizeForParity(obj: any, _channel: string): any {
  return prune(obj);
}

function prune(value: any): any {
  if (Array.isArray(value)) return value.map(prune);
  if (value !== null && typeof value === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p === undefined) continue;
      if (p !== null && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
      if (Array.isArray(p) && p.length === 0) continue;
      out[k] = p;
    }
    return out;
  }
  return value;
}
