#!/usr/bin/env node
/**
 * Generates the table of the bundled CRDs' CEL rules parsed at build time (src/validation/bundle/cel-asts.json, see
 * src/validation/cel/precompiled.ts): compiles every rule of every bundled schema and writes every CEL source the
 * compiler parsed. Run it after `node scripts/bundle-schemas.js` (a test fails when the table misses a source).
 * The output is deterministic. CEL_ASTS_OUT overrides the output file.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
require('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'bench', 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
const OUT = path.resolve(ROOT, process.env.CEL_ASTS_OUT || 'src/validation/bundle/cel-asts.json');

const { compileAllRules } = require('../src/validation/cel/compile');
const { parsedSources } = require('../src/validation/cel/parsed');
const { encodePrecompiled } = require('../src/validation/cel/precompiled');
const { parse } = require('@bufbuild/cel');
compileAllRules();
// parsed afresh: the compiler may have taken some from the current table
const sources = new Map([...parsedSources().keys()].map((source) => [source, parse(source)]));
fs.writeFileSync(OUT, encodePrecompiled(sources));
process.stdout.write(`${path.relative(ROOT, OUT)}: ${sources.size} CEL sources\n`);
