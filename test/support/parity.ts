import { findVersion } from '../../src/validation/bundle';
import { prepare } from '../../src/validation/prepare';
import { schemaNode } from '../../src/validation/schema-node';

/**
 * Normalization for comparing an upstream manifest with a synthesized one "semantically":
 * - the CRD defaults of the object's channel are applied (as the API server does on create), so `type: PathPrefix`
 *   written on one side and left to its default on the other compare equal;
 * - empty maps and empty lists count as absent (e.g. cdk8s-plus' `spec: {}` on a Namespace).
 * Key order never matters (jest's structural equality).
 */
export function normalizeForParity(obj: any, channel: string): any {
  const [group, version] = String(obj.apiVersion).split('/');
  const resolved = version ? findVersion(channel, group, version, obj.kind) : undefined;
  return prune(resolved ? prepare(obj, schemaNode(resolved.schemaKey)) : obj);
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
