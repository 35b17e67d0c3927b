#!/usr/bin/env node
/**
 * Generates the implementation catalogue of the feature lint (src/features/catalogue-data.json) from the Gateway API
 * conformance reports shipped with the release (`conformance-reports/<gateway-api-version>/<implementation>/*.yaml`).
 *
 * Run through projen as part of `npx projen import` (or directly: `node scripts/build-feature-catalogue.js`).
 * The reports folder defaults to the conformance-reports/ folder of the release files (GATEWAY_API_SHARED_DIR,
 * ../shared/gateway-api-v1.6.1 or the local cache: see scripts/gateway-api-release.js)
 * and can be pointed elsewhere with GATEWAY_API_REPORTS_DIR; GATEWAY_API_CATALOGUE_OUT overrides the output file.
 *
 * What the catalogue keeps, per report: the implementation (organization, project, version, url), the Gateway API
 * version and channel, the mode, the date, and per conformance profile the core and extended results with the
 * supported and unsupported features. Plus `features`: the union of every feature name in every report (the
 * "universe"), each with the profiles that list it. Test statistics and contacts are dropped.
 *
 * The output is deterministic (files read in sorted order, lists sorted), so running it twice leaves no diff.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const REPORTS_DIR = process.env.GATEWAY_API_REPORTS_DIR
  ? path.resolve(ROOT, process.env.GATEWAY_API_REPORTS_DIR)
  // GATEWAY_API_SHARED_DIR, ../shared/gateway-api-v1.6.1 or the local cache (scripts/gateway-api-release.js)
  : path.join(require('./gateway-api-release').requireReleaseDir().dir, 'conformance-reports');
const OUT = path.resolve(ROOT, process.env.GATEWAY_API_CATALOGUE_OUT || 'src/features/catalogue-data.json');

/**
 * The catalogue id and display name of each report folder (the folder names repeat the organization, e.g.
 * `traefik-traefik`). A folder missing here gets its folder name as id, with a warning.
 */
const IMPLEMENTATIONS = {
  'agentgateway-agentgateway': ['agentgateway', 'agentgateway'],
  'airlock-microgateway': ['airlock-microgateway', 'Airlock Microgateway'],
  'aws-aws-application-networking-k8s': ['aws-gateway-api-controller', 'AWS Gateway API Controller (VPC Lattice)'],
  'aws-load-balancer-controller': ['aws-load-balancer-controller', 'AWS Load Balancer Controller'],
  'cilium': ['cilium', 'Cilium'],
  'envoy-gateway': ['envoy-gateway', 'Envoy Gateway'],
  'gke-gateway': ['gke-gateway', 'GKE Gateway'],
  'gloo-gateway': ['gloo-gateway', 'Gloo Gateway'],
  'gravitee': ['gravitee', 'Gravitee Kubernetes Operator'],
  'haproxy-ingress': ['haproxy-ingress', 'HAProxy Ingress'],
  'istio-istio': ['istio', 'Istio'],
  'kgateway': ['kgateway', 'kgateway'],
  'kong-operator': ['kong-operator', 'Kong Operator'],
  'nginx-nginx-gateway-fabric': ['nginx-gateway-fabric', 'NGINX Gateway Fabric'],
  'traefik-traefik': ['traefik', 'Traefik'],
  'varnish-software-varnish-gateway': ['varnish-gateway', 'Varnish Gateway'],
};

function fail(message) {
  process.stderr.write(`build-feature-catalogue: ${message}\n`);
  process.exit(1);
}

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out;
}

function strings(list, file, field) {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) fail(`${file}: ${field} is not a list of strings`);
  return [...new Set(list)].sort();
}

/** A report's key "apiVersion" sometimes carries editor debris (one upstream file starts with `<Right>apiVersion`). */
function field(doc, name) {
  if (doc[name] !== undefined) return doc[name];
  const key = Object.keys(doc).find((k) => k.endsWith(name));
  return key === undefined ? undefined : doc[key];
}

function main() {
  if (!fs.existsSync(REPORTS_DIR)) {
    fail(`reports folder ${REPORTS_DIR} does not exist. Set GATEWAY_API_REPORTS_DIR to the conformance-reports folder ` +
      `of a Gateway API release (default: the release files, see scripts/gateway-api-release.js).`);
  }
  const reports = [];
  const universe = new Map();
  for (const file of walk(REPORTS_DIR)) {
    const rel = path.relative(REPORTS_DIR, file).split(path.sep).join('/');
    let doc;
    try {
      doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      fail(`${rel}: not YAML: ${e.message}`);
    }
    if (!doc || typeof doc !== 'object' || field(doc, 'kind') !== 'ConformanceReport') continue;
    const parts = rel.split('/');
    if (parts.length < 3) fail(`${rel}: expected <gateway-api-version>/<implementation>/<report>.yaml`);
    const folder = parts[parts.length - 2];
    let ids = IMPLEMENTATIONS[folder];
    if (!ids) {
      process.stderr.write(`build-feature-catalogue: warning: ${rel}: unknown implementation folder "${folder}", using it as the id\n`);
      ids = [folder, folder];
    }
    const impl = doc.implementation || {};
    if (typeof impl.version !== 'string' && typeof impl.version !== 'number') fail(`${rel}: implementation.version is missing`);
    const profiles = {};
    for (const p of doc.profiles || []) {
      if (!p || typeof p.name !== 'string') fail(`${rel}: a profile has no name`);
      const ext = p.extended || undefined;
      const supported = strings(ext && ext.supportedFeatures, rel, `${p.name}.extended.supportedFeatures`);
      const unsupported = strings(ext && ext.unsupportedFeatures, rel, `${p.name}.extended.unsupportedFeatures`);
      profiles[p.name] = {
        core: (p.core && p.core.result) || 'unknown',
        ...(ext ? { extended: ext.result || 'unknown' } : {}),
        supported,
        unsupported,
      };
      for (const name of [...supported, ...unsupported]) {
        if (!universe.has(name)) universe.set(name, new Set());
        universe.get(name).add(p.name);
      }
    }
    const date = field(doc, 'date');
    reports.push({
      file: rel,
      implementation: ids[0],
      version: String(impl.version),
      gatewayAPIVersion: String(field(doc, 'gatewayAPIVersion') || ''),
      channel: String(field(doc, 'gatewayAPIChannel') || ''),
      mode: String(field(doc, 'mode') || 'default'),
      date: date instanceof Date ? date.toISOString() : String(date || ''),
      profiles: Object.fromEntries(Object.keys(profiles).sort().map((k) => [k, profiles[k]])),
    });
  }
  if (reports.length === 0) fail(`no ConformanceReport found under ${REPORTS_DIR}`);

  const implementations = {};
  for (const r of reports) {
    const folder = r.file.split('/').slice(-2)[0];
    const name = (IMPLEMENTATIONS[folder] || [folder, folder])[1];
    implementations[r.implementation] = { name };
  }
  reports.sort((a, b) => (a.implementation + '\0' + a.file < b.implementation + '\0' + b.file ? -1 : 1));
  const catalogue = {
    source: 'gateway-api-v1.6.1/conformance-reports',
    features: Object.fromEntries([...universe.keys()].sort().map((n) => [n, [...universe.get(n)].sort()])),
    implementations: Object.fromEntries(Object.keys(implementations).sort().map((k) => [k, implementations[k]])),
    reports,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  // one line per feature, implementation and report: compact, and a regeneration diff shows what changed
  const lines = ['{'];
  const keys = Object.keys(catalogue);
  keys.forEach((key, i) => {
    const value = catalogue[key];
    const comma = i < keys.length - 1 ? ',' : '';
    if (Array.isArray(value)) {
      lines.push(` ${JSON.stringify(key)}: [`, value.map((v) => `  ${JSON.stringify(v)}`).join(',\n'), ` ]${comma}`);
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      lines.push(` ${JSON.stringify(key)}: {`, entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n'), ` }${comma}`);
    } else {
      lines.push(` ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  fs.writeFileSync(OUT, lines.join('\n') + '\n');
  process.stdout.write(`build-feature-catalogue: ${reports.length} reports, ${Object.keys(implementations).length} implementations, ${universe.size} features -> ${path.relative(ROOT, OUT)}\n`);
}

main();
