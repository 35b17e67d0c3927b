#!/usr/bin/env node
/**
 * The jsii runtime process that the Python, Java, .NET and Go bindings start (`jsii-runtime.js`, with the jsii kernel
 * inside), at the version of the jsii-pacmak that generates this package's bindings. It comes from the npm registry
 * package @jsii/runtime, unpacked into node_modules/.cache/jsii-runtime/VERSION (it cannot be a devDependency: its
 * declared @jsii/kernel dependency is not published at that version, while its webpack bundle already holds it).
 *
 * Usage: node scripts/jsii-runtime.js   prints the path of jsii-runtime.js, fetching it first if needed
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const VERSION = require('jsii-pacmak/package.json').version;

/** The path of `jsii-runtime.js`, unpacking `@jsii/runtime@VERSION` into the cache on first use. */
function jsiiRuntimePath() {
  const dir = path.join(ROOT, 'node_modules', '.cache', 'jsii-runtime', VERSION);
  const bin = path.join(dir, 'package', 'webpack', 'bin', 'jsii-runtime.js');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(dir, { recursive: true });
  const out = execFileSync('npm', ['pack', `@jsii/runtime@${VERSION}`, '--pack-destination', dir, '--json'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tarball = path.join(dir, JSON.parse(out)[0].filename);
  require('tar').x({ file: tarball, cwd: dir, sync: true });
  fs.rmSync(tarball);
  if (!fs.existsSync(bin)) throw new Error(`@jsii/runtime@${VERSION} has no webpack/bin/jsii-runtime.js`);
  return bin;
}

module.exports = { VERSION, jsiiRuntimePath };

if (require.main === module) process.stdout.write(`${jsiiRuntimePath()}\n`);
