import * as fs from 'fs';
import * as path from 'path';
const release = require('../../scripts/gateway-api-release'); // eslint-disable-line @typescript-eslint/no-require-imports

/**
 * The Gateway API v1.6.1 release files (CRDs, examples, invalid examples, conformance reports) that the tests read:
 * from GATEWAY_API_SHARED_DIR, ../shared/gateway-api-v1.6.1 or the local cache (scripts/gateway-api-release.js).
 * The jest global setup resolves (and if need be downloads) them once per run; when they are absent, the tests that
 * need them fail with the resolver's message instead of passing vacuously.
 */
export const SHARED_DIR: string = process.env.GATEWAY_API_RELEASE_DIR ?? release.resolveReleaseDir()?.dir ?? '';

export function sharedPath(...parts: string[]): string {
  if (!SHARED_DIR || !fs.existsSync(SHARED_DIR)) throw new Error(release.missingMessage());
  return path.join(SHARED_DIR, ...parts);
}

/** Every file under `dir` (recursively) whose name ends with `ext`, sorted. */
export function listFiles(dir: string, ext = '.yaml'): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, ext));
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}
