#!/usr/bin/env node
/**
 * Generates the compact schema bundle the validation engine loads (src/validation/bundle/gateway-api-crds.json)
 * from the Gateway API CRDs of both channels.
 *
 * Run through projen as part of `npx projen import` (or directly: `node scripts/bundle-schemas.js`).
 * The CRD folder defaults to the crds/ folder of the release files (GATEWAY_API_SHARED_DIR, ../shared/gateway-api-v1.6.1
 * or the local cache: see scripts/gateway-api-release.js) and can be
 * pointed elsewhere with GATEWAY_API_CRDS_DIR (the folder must contain `standard/` and `experimental/`);
 * GATEWAY_API_BUNDLE_OUT overrides the output file.
 *
 * What the bundle keeps, per channel and per group/version/kind: the served flag, the deprecation warning and,
 * for served versions, the openAPIV3Schema without `description`s (the validator never shows them; dropping them
 * makes the bundle a fraction of the CRDs' size). Identical schemas (the same kind in both channels, or two
 * versions of one kind) are stored once, keyed by a content hash. The ValidatingAdmissionPolicy shipped beside
 * the CRDs (`*_vap_*`) is not a CRD and is skipped.
 *
 * The output is deterministic (files read in sorted order, object keys sorted), so running it twice leaves no diff.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const CRDS_DIR = process.env.GATEWAY_API_CRDS_DIR
  ? path.resolve(ROOT, process.env.GATEWAY_API_CRDS_DIR)
  // GATEWAY_API_SHARED_DIR, ../shared/gateway-api-v1.6.1 or the local cache (scripts/gateway-api-release.js)
  : path.join(require('./gateway-api-release').requireReleaseDir().dir, 'crds');
// GATEWAY_API_BUNDLE_OUT writes elsewhere (the tests check that regeneration reproduces the committed file)
const OUT = path.resolve(ROOT, process.env.GATEWAY_API_BUNDLE_OUT || 'src/validation/bundle/gateway-api-crds.json');
const CHANNELS = ['standard', 'experimental'];

function fail(message) {
  process.stderr.write(`bundle-schemas: ${message}\n`);
  process.exit(1);
}

/** A deep copy with object keys sorted and `description` fields removed. */
function compact(value) {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value).sort()) {
    if (key === 'description' && typeof value[key] === 'string') continue;
    out[key] = compact(value[key]);
  }
  return out;
}

function hashOf(value) {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function crdFiles(channel) {
  const dir = path.join(CRDS_DIR, channel);
  if (!fs.existsSync(dir)) {
    fail(`CRD folder ${dir} does not exist. Set GATEWAY_API_CRDS_DIR to a folder with standard/ and experimental/ ` +
      'sub-folders holding the Gateway API CRD YAML files (default: the crds/ folder of the Gateway API release files, see scripts/gateway-api-release.js).');
  }
  const files = fs.readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f.startsWith('gateway.networking.'))
    .filter((f) => !f.includes('_vap_'))
    .sort();
  if (files.length === 0) fail(`no Gateway API CRDs found in ${dir}`);
  return files.map((f) => path.join(dir, f));
}

const schemas = {};
const channels = {};
let bundleVersion;

for (const channel of CHANNELS) {
  const kinds = [];
  for (const file of crdFiles(channel)) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf-8'))) {
      if (doc.errors.length > 0) fail(`${file}: ${doc.errors[0].message}`);
      const crd = doc.toJSON();
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      const annotations = (crd.metadata && crd.metadata.annotations) || {};
      const version = annotations['gateway.networking.k8s.io/bundle-version'];
      if (version) {
        if (bundleVersion && bundleVersion !== version) fail(`${file}: bundle version ${version} differs from ${bundleVersion}`);
        bundleVersion = version;
      }
      const versions = [];
      for (const v of crd.spec.versions) {
        const entry = { name: v.name, served: Boolean(v.served), storage: Boolean(v.storage) };
        if (v.deprecated) entry.deprecated = true;
        if (v.deprecationWarning) entry.deprecationWarning = v.deprecationWarning;
        if (v.served) {
          const schema = compact(v.schema.openAPIV3Schema);
          const hash = hashOf(schema);
          schemas[hash] = schema;
          entry.schema = hash;
        }
        versions.push(entry);
      }
      kinds.push({
        group: crd.spec.group,
        kind: crd.spec.names.kind,
        plural: crd.spec.names.plural,
        scope: crd.spec.scope,
        versions,
      });
    }
  }
  kinds.sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`));
  channels[channel] = kinds;
}

const sortedSchemas = {};
for (const key of Object.keys(schemas).sort()) sortedSchemas[key] = schemas[key];

const bundle = {
  generatedBy: 'scripts/bundle-schemas.js (npx projen import) from the Gateway API CRDs; do not edit by hand',
  bundleVersion: bundleVersion || 'unknown',
  channels,
  schemas: sortedSchemas,
};

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(bundle, null, 1) + '\n');
const served = CHANNELS.map((c) => `${c}: ${channels[c].reduce((n, k) => n + k.versions.filter((v) => v.served).length, 0)} served versions`);
process.stdout.write(`${path.relative(ROOT, OUT)}: Gateway API ${bundle.bundleVersion}, ${served.join(', ')}, ` +
  `${Object.keys(sortedSchemas).length} distinct schemas, ${fs.statSync(OUT).size} bytes\n`);
