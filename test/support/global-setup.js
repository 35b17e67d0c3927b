/**
 * Jest global setup: makes sure the Gateway API v1.6.1 release files are available before any test runs.
 * Order: GATEWAY_API_SHARED_DIR, ../shared/gateway-api-v1.6.1, the local cache; when none holds them, the cache is
 * filled once from the upstream archive (checked against the pinned SHA-256 sums). Offline with no source, the run
 * stops here with one message naming the three places and `npm run fetch:gateway-api`.
 */
'use strict';
const release = require('../../scripts/gateway-api-release');

module.exports = async function globalSetup() {
  let found = release.resolveReleaseDir();
  if (!found) {
    try {
      await release.fetchRelease({ log: (line) => process.stderr.write(`gateway-api-release: ${line}\n`) });
    } catch (e) {
      throw new Error(release.missingMessage(process.env, e.message));
    }
    found = release.requireReleaseDir();
  }
  process.env.GATEWAY_API_RELEASE_DIR = found.dir;
  process.stderr.write(`\nGateway API v${release.VERSION} release files: ${found.dir} (from ${found.source})\n`);
};
