#!/usr/bin/env node
/**
 * Makes the L1 submodule namespaces of the compiled entry point (lib/src/index.js) load on first access.
 *
 * `export * as gatewayapi_experimental from '../imports/...'` (what jsii needs to see a submodule) compiles to an eager
 * `exports.gatewayapi_experimental = __importStar(require('...'))`: every `require('cdk8s-gateway-api')` would parse
 * megabytes of L1 classes a user may never touch. This rewrites each such line into a memoized getter, so the
 * namespace is the same object on every access and `require` happens on first use. The jsii assembly is unchanged,
 * and the jsii runtime (Python, Java, .NET, Go) reads submodules through the same property access.
 *
 * Run after `jsii` (the compile task does). Idempotent; fails if it finds nothing to rewrite.
 */
const fs = require('fs');
const path = require('path');

const EAGER = /^exports\.(\w+) = __importStar\(require\(("\.\.\/imports\/[^"]+")\)\);$/gm;

/** The rewritten source, and the names made lazy. */
function makeLazy(source) {
  const names = [];
  const out = source.replace(EAGER, (_line, name, spec) => {
    names.push(name);
    return `let _lazy_${name};\n` +
      `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, ` +
      `get: () => _lazy_${name} !== undefined ? _lazy_${name} : (_lazy_${name} = __importStar(require(${spec}))) });`;
  });
  return { source: out, names };
}

module.exports = { makeLazy };

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'lib', 'src', 'index.js'));
  const before = fs.readFileSync(file, 'utf8');
  const { source, names } = makeLazy(before);
  if (names.length === 0) {
    if (before.includes('_lazy_gatewayapi')) process.exit(0); // already rewritten
    console.error(`lazy-submodules: no eager L1 namespace export found in ${file}`);
    process.exit(1);
  }
  fs.writeFileSync(file, source);
  console.error(`lazy-submodules: ${names.join(', ')} load on first access (${path.relative(process.cwd(), file)})`);
}
