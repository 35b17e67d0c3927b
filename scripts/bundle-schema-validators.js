#!/usr/bin/env node
/**
 * Generates the schema validators of the bundled CRDs at build time (src/validation/bundle/schema-validators.json, see
 * src/validation/structural.ts): the JavaScript that ajv generates for every bundled schema, so that a run does not
 * compile schemas (a fifth of a cold validation of 10,000 routes) nor load ajv's compiler. Run it after
 * `node scripts/bundle-schemas.js`, and after an ajv upgrade (the validators are used only with the ajv version that
 * generated them; a test fails when the file is not what this script writes). Deterministic.
 * SCHEMA_VALIDATORS_OUT overrides the output file.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
require('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'bench', 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
const OUT = path.resolve(ROOT, process.env.SCHEMA_VALIDATORS_OUT || 'src/validation/bundle/schema-validators.json');

const { encodeSchemaValidators } = require('../src/validation/structural');
const text = encodeSchemaValidators();
fs.writeFileSync(OUT, text);
process.stdout.write(`${path.relative(ROOT, OUT)}: ${(text.length / 1024).toFixed(0)} KiB\n`);
