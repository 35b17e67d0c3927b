#!/usr/bin/env node
/**
 * Rewrites the JSON files that the compiler copied into lib/ without whitespace (the validation engine's CRD schema
 * bundle is 0.8 MB pretty-printed, 0.2 MB minified): a smaller package, and less to parse at run time.
 * Run after `jsii` (the compile task does). Idempotent.
 */
const fs = require('fs');
const path = require('path');

function minifyJsonFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...minifyJsonFiles(full));
    else if (entry.name.endsWith('.json')) {
      const text = fs.readFileSync(full, 'utf8');
      const minified = JSON.stringify(JSON.parse(text));
      if (minified !== text) fs.writeFileSync(full, minified);
      files.push(full);
    }
  }
  return files;
}

module.exports = { minifyJsonFiles };

if (require.main === module) {
  const files = minifyJsonFiles(path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'lib')));
  console.error(`minify-json: ${files.length} JSON file(s) in lib/ minified`);
}
