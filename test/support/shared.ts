import * as fs from 'fs';
import * as path from 'path';

/**
 * The Gateway API v1.6.1 release files (CRDs, examples, invalid examples) that the tests read.
 * They live in ../shared next to the repository (CI has them too); GATEWAY_API_SHARED_DIR overrides the location.
 * When they are absent, the tests that need them fail with this message instead of passing vacuously.
 */
export const SHARED_DIR = path.resolve(
  __dirname, '..', '..', process.env.GATEWAY_API_SHARED_DIR ?? '../shared/gateway-api-v1.6.1',
);

export function sharedPath(...parts: string[]): string {
  if (!fs.existsSync(SHARED_DIR)) {
    throw new Error(
      `The Gateway API v1.6.1 release files are missing: ${SHARED_DIR} does not exist. ` +
      'These tests read the CRDs and examples from ../shared/gateway-api-v1.6.1 (set GATEWAY_API_SHARED_DIR to use another copy).',
    );
  }
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
