#!/usr/bin/env node
/**
 * Leaves out of the npm package what the bundled dependencies ship but the package never loads: test data, ESM and
 * browser builds (the package is CommonJS and loads their `require` entry points), TypeScript sources and
 * benchmarks. Run as the `prepack` script, so `npm pack` and `jsii-pacmak` apply it.
 *
 * Also left out: the bundled packages' type declarations and source maps (see TYPES).
 *
 * npm packs a bundled dependency with that dependency's own ignore rules (the root .npmignore does not reach into
 * node_modules/), so this writes an `.npmignore` into each folder to trim. The installed files stay as they are:
 * nothing is deleted, and running it again changes nothing.
 */
const fs = require('fs');
const path = require('path');

const MARKER = '# written by scripts/trim-bundled.js (prepack): not part of the npm package';

/** Per bundled package: folder (relative to the package) → names to leave out of it ('*' for the whole folder). */
const TRIM = {
  // test data and the conformance-suite protos (the runtime loads neither)
  '@bufbuild/cel-spec': { 'dist/cjs/testdata': ['*'], 'dist/cjs/gen/cel/expr/conformance': ['*'], 'dist/esm': ['*'] },
  '@bufbuild/cel': { 'dist/esm': ['*'] },
  '@bufbuild/re2': { 'dist/esm': ['*'] },
  '@bufbuild/protobuf': { 'dist/esm': ['*'] },
  '@viz-js/viz': { 'dist': ['viz-global.js', 'viz.js'], 'lib': ['*'], 'src': ['*'] },
  'ajv': { 'lib': ['*'] },
  'fast-uri': { 'test': ['*'], 'benchmark': ['*'] },
  'js-yaml': { 'dist': ['*'] },
  'yaml': { 'browser': ['*'] },
};

/**
 * Type declarations (and other TypeScript files) and source maps of the bundled packages: no declaration that the package's index.d.ts reaches
 * imports a bundled package (test/package.test.ts checks it), so a user's compiler never reads them.
 */
const TYPES = ['*.ts', '*.mts', '*.cts', '*.map'];

/** The bundled packages: the package's bundledDependencies and, transitively, their dependencies. */
function bundledPackages(root) {
  const nodeModules = path.join(root, 'node_modules');
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    const manifest = path.join(nodeModules, name, 'package.json');
    if (!fs.existsSync(manifest)) return;
    seen.add(name);
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
  };
  for (const name of JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).bundledDependencies ?? []) visit(name);
  return [...seen].sort();
}

/** Folder (relative to node_modules) → names to leave out of it. */
function rules(root) {
  const nodeModules = path.join(root, 'node_modules');
  const out = new Map();
  const add = (folder, names) => out.set(folder, [...new Set([...(out.get(folder) ?? []), ...names])]);
  for (const pkg of bundledPackages(root)) {
    for (const entry of fs.readdirSync(path.join(nodeModules, pkg), { withFileTypes: true })) {
      // gitignore semantics: a pattern without a slash applies in every folder below
      if (entry.isDirectory() && entry.name !== 'node_modules') add(`${pkg}/${entry.name}`, TYPES);
    }
  }
  for (const [pkg, folders] of Object.entries(TRIM)) {
    for (const [folder, names] of Object.entries(folders)) add(`${pkg}/${folder}`, names);
  }
  return out;
}

/** Writes the .npmignore files under `root`/node_modules; returns the folders it trimmed. */
function trimBundled(root) {
  const nodeModules = path.join(root, 'node_modules');
  const trimmed = [];
  for (const [where, names] of rules(root)) {
    const dir = path.join(nodeModules, where);
    if (!fs.existsSync(dir)) continue; // another version of the package: nothing to trim there
    const file = path.join(dir, '.npmignore');
    const content = `${MARKER}\n${names.join('\n')}\n`;
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (existing !== content) {
      // a package's own .npmignore is kept, with ours after it
      fs.writeFileSync(file, existing === undefined || existing.startsWith(MARKER) ? content : `${existing}\n${content}`);
    }
    trimmed.push(where);
  }
  return trimmed;
}

module.exports = { trimBundled, bundledPackages, TRIM, TYPES };

if (require.main === module) {
  const trimmed = trimBundled(path.join(__dirname, '..'));
  console.error(`trim-bundled: trimmed ${trimmed.length} folders of the bundled packages`);
}
