#!/usr/bin/env node
/**
 * Where the Gateway API v1.6.1 release files come from (the CRDs, the upstream examples, the invalid examples and
 * the conformance reports), for the tests and the import task. Looked up in this order:
 *
 * 1. GATEWAY_API_SHARED_DIR: a folder laid out like ../shared/gateway-api-v1.6.1;
 * 2. ../shared/gateway-api-v1.6.1, next to the repository;
 * 3. the local cache, node_modules/.cache/gateway-api/v1.6.1 (GATEWAY_API_CACHE_DIR overrides it), filled by
 *    `npm run fetch:gateway-api` from the upstream v1.6.1 source archive.
 *
 * The archive is checked file by file against the SHA-256 sums pinned in scripts/gateway-api-v1.6.1.sha256: only
 * the files listed there are extracted (from config/crd/, examples/, hack/invalid-examples/, conformance/reports/
 * and LICENSE, into crds/, examples/, invalid-examples/, conformance-reports/ and LICENSE), and any file that is
 * missing or differs fails the fetch, leaving the cache untouched.
 *
 * Usage:
 *   node scripts/gateway-api-release.js where         prints the folder in use and where it came from
 *   node scripts/gateway-api-release.js fetch         fills the cache (GATEWAY_API_RELEASE_URL overrides the URL)
 *   node scripts/gateway-api-release.js verify DIR    checks a folder against the pinned sums
 *   node scripts/gateway-api-release.js pin DIR       rewrites the pinned sums from a folder (maintainers only)
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const VERSION = '1.6.1';
const ROOT = path.resolve(__dirname, '..');
const PIN_FILE = path.join(__dirname, `gateway-api-v${VERSION}.sha256`);
const DEFAULT_URL = `https://github.com/kubernetes-sigs/gateway-api/archive/refs/tags/v${VERSION}.tar.gz`;
const FETCH_COMMAND = 'npm run fetch:gateway-api';

/** Upstream repository path prefix → folder of the release layout the tests read. */
const LAYOUT = [
  ['config/crd/', 'crds/'],
  ['examples/', 'examples/'],
  ['hack/invalid-examples/', 'invalid-examples/'],
  ['conformance/reports/', 'conformance-reports/'],
  ['LICENSE', 'LICENSE'],
];

/** The places looked at, in order, for the given environment. */
function candidates(env = process.env) {
  const out = [];
  if (env.GATEWAY_API_SHARED_DIR) {
    out.push({ dir: path.resolve(ROOT, env.GATEWAY_API_SHARED_DIR), source: 'GATEWAY_API_SHARED_DIR' });
  }
  out.push({ dir: path.resolve(ROOT, env.GATEWAY_API_SIBLING_DIR || `../shared/gateway-api-v${VERSION}`), source: '../shared' });
  out.push({ dir: cacheDir(env), source: 'the local cache' });
  return out;
}

function cacheDir(env = process.env) {
  return path.resolve(ROOT, env.GATEWAY_API_CACHE_DIR || path.join('node_modules', '.cache', 'gateway-api', `v${VERSION}`));
}

function isRelease(dir) {
  return fs.existsSync(path.join(dir, 'crds', 'standard')) && fs.existsSync(path.join(dir, 'examples'));
}

/** The first place that holds the release files: `{ dir, source }`, or undefined when none does. */
function resolveReleaseDir(env = process.env) {
  return candidates(env).find((c) => isRelease(c.dir));
}

/** The one message for "no release files anywhere", naming the three places and the command that fills the cache. */
function missingMessage(env = process.env, cause) {
  const [first, ...rest] = candidates(env);
  const places = env.GATEWAY_API_SHARED_DIR
    ? [`GATEWAY_API_SHARED_DIR (${first.dir})`, ...rest.map((c) => c.dir)]
    : ['GATEWAY_API_SHARED_DIR (not set)', first.dir, ...rest.map((c) => c.dir)];
  return `The Gateway API v${VERSION} release files were not found. Looked in: ${places.join('; ')}. ` +
    `Set GATEWAY_API_SHARED_DIR to an unpacked release folder (crds/, examples/, invalid-examples/, ` +
    `conformance-reports/), or run \`${FETCH_COMMAND}\` once with network access to fill the cache.` +
    (cause ? ` (The download failed: ${cause})` : '');
}

/** The folder in use; throws the message above when there is none. */
function requireReleaseDir(env = process.env) {
  const found = resolveReleaseDir(env);
  if (!found) throw new Error(missingMessage(env));
  return found;
}

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** The pinned sums: layout path → hex SHA-256. */
function readPins(file = PIN_FILE) {
  const pins = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m) throw new Error(`${file}: malformed line ${JSON.stringify(line)}`);
    pins.set(m[2], m[1]);
  }
  return pins;
}

function walk(dir, base = dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The problems of `dir` against the pinned sums (missing or different files); empty when it matches. */
function verifyDir(dir, pins = readPins()) {
  const problems = [];
  for (const [rel, expected] of [...pins].sort()) {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) {
      problems.push(`${rel}: missing`);
      continue;
    }
    const actual = sha256(fs.readFileSync(file));
    if (actual !== expected) problems.push(`${rel}: checksum mismatch (expected ${expected}, got ${actual})`);
  }
  return problems;
}

/** The layout path of an archive entry (its first path component, the archive's top folder, removed), or undefined. */
function layoutPath(entryPath) {
  const rel = entryPath.split('/').slice(1).join('/');
  for (const [from, to] of LAYOUT) {
    if (rel === from) return to;
    if (from.endsWith('/') && rel.startsWith(from)) return to + rel.slice(from.length);
  }
  return undefined;
}

/**
 * Downloads the release archive from `url`, extracts the pinned files into a temporary folder next to the cache,
 * checks every one of them, and only then moves the folder into place. Throws (leaving no cache) on any problem.
 */
async function fetchRelease({ url = process.env.GATEWAY_API_RELEASE_URL || DEFAULT_URL, target = cacheDir(), log = () => {} } = {}) {
  const tar = require('tar');
  const pins = readPins();
  log(`downloading ${url}`);
  const response = await fetch(url, { redirect: 'follow' });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const archive = Buffer.from(await response.arrayBuffer());
  log(`downloaded ${archive.length} bytes (SHA-256 ${sha256(archive)})`);

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.v${VERSION}-`));
  try {
    const archiveFile = path.join(staging, '.archive.tar.gz');
    fs.writeFileSync(archiveFile, archive);
    const tree = path.join(staging, 'tree');
    fs.mkdirSync(tree);
    const entries = [];
    await tar.x({
      file: archiveFile,
      cwd: tree,
      strict: true,
      filter: (p, entry) => {
        const rel = layoutPath(p);
        const wanted = entry.type === 'File' && rel !== undefined && pins.has(rel);
        if (wanted) entries.push([p, rel]);
        return wanted;
      },
    });
    const out = path.join(staging, 'release');
    for (const [p, rel] of entries) {
      const dest = path.join(out, rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(path.join(tree, p), dest);
    }
    const problems = verifyDir(out, pins);
    if (problems.length > 0) {
      throw new Error(`the archive does not match the pinned SHA-256 sums (${path.relative(ROOT, PIN_FILE)}): ` +
        `${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
    }
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(out, target);
    log(`${pins.size} files checked and extracted to ${target}`);
    return target;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Rewrites the pinned sums from a release folder (every file under the layout's folders). */
function pin(dir) {
  const lines = walk(dir)
    .filter((rel) => LAYOUT.some(([, to]) => rel === to || (to.endsWith('/') && rel.startsWith(to))))
    .map((rel) => `${sha256(fs.readFileSync(path.join(dir, rel)))}  ${rel}`);
  const header = [
    `# SHA-256 of every Gateway API v${VERSION} release file the tests and the import task read, in the layout of`,
    '# ../shared/gateway-api-v1.6.1. `node scripts/gateway-api-release.js fetch` extracts exactly these files from the',
    '# upstream source archive and fails on any difference. Regenerate with `node scripts/gateway-api-release.js pin DIR`.',
  ];
  fs.writeFileSync(PIN_FILE, [...header, ...lines].join('\n') + '\n');
  return lines.length;
}

module.exports = {
  VERSION, DEFAULT_URL, FETCH_COMMAND, candidates, cacheDir, resolveReleaseDir, requireReleaseDir, missingMessage,
  readPins, verifyDir, layoutPath, fetchRelease, pin,
};

if (require.main === module) {
  const [command, arg] = process.argv.slice(2);
  const fail = (message) => {
    process.stderr.write(`gateway-api-release: ${message}\n`);
    process.exit(1);
  };
  const log = (line) => process.stderr.write(`gateway-api-release: ${line}\n`);
  switch (command) {
    case 'where': {
      const found = resolveReleaseDir();
      if (!found) fail(missingMessage());
      process.stdout.write(`${found.dir} (from ${found.source})\n`);
      break;
    }
    case 'fetch': {
      const found = resolveReleaseDir();
      if (found && process.env.GATEWAY_API_FORCE_FETCH !== '1') {
        log(`already available: ${found.dir} (from ${found.source}); set GATEWAY_API_FORCE_FETCH=1 to download anyway`);
        break;
      }
      fetchRelease({ log }).catch((e) => fail(`fetch failed: ${e.message}`));
      break;
    }
    case 'verify': {
      if (!arg) fail('usage: verify DIR');
      const problems = verifyDir(path.resolve(arg));
      if (problems.length > 0) fail(`${arg} does not match the pinned sums:\n  ${problems.join('\n  ')}`);
      process.stdout.write(`${arg}: ${readPins().size} files match\n`);
      break;
    }
    case 'pin': {
      if (!arg) fail('usage: pin DIR');
      process.stdout.write(`pinned ${pin(path.resolve(arg))} files\n`);
      break;
    }
    default:
      fail(`usage: ${path.relative(process.cwd(), __filename)} where | fetch | verify DIR | pin DIR`);
  }
}
