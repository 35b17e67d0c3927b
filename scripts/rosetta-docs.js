#!/usr/bin/env node
/**
 * Compiles every ```ts / ```typescript block of docs/*.md with jsii-rosetta in strict mode, the way
 * `jsii-rosetta extract --strict` compiles the README and the doc comments: with the fixtures of rosetta/ (the
 * `fixture=<name>` parameter on the block's first line; `default.ts-fixture` otherwise), against the built assembly
 * (.jsii), and translated to Python, Java, C# and Go. jsii-rosetta's own commands do not cover standalone markdown in
 * strict mode (`jsii-rosetta markdown` compiles nothing and takes no fixtures), so this script drives its library.
 *
 * Any diagnostic fails the run (exit 1), naming the file, the line of the block and the compiler's message, so that a
 * docs snippet that no longer compiles fails CI. `--list` prints each block with its fixture.
 *
 * A block marked ```ts ts-only is TypeScript that has no jsii counterpart (a Jest test using the TypeScript-only
 * matchers: arrow functions, which jsii-rosetta cannot translate); it is listed, not compiled.
 *
 * Usage: node scripts/rosetta-docs.js [--list] [docs/a.md ...]
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ROSETTA = path.dirname(require.resolve('jsii-rosetta/package.json', { paths: [ROOT] }));
// jsii-rosetta's package exports only its index; these helpers are what `extract` uses internally.
const rosetta = require(ROSETTA);
const { extractTypescriptSnippetsFromMarkdown } = require(path.join(ROSETTA, 'lib', 'markdown', 'extract-snippets'));
const { fixturize } = require(path.join(ROSETTA, 'lib', 'fixtures'));
const { loadAssemblies } = require(path.join(ROSETTA, 'lib', 'jsii', 'assemblies'));
const { snippetKey } = require(path.join(ROSETTA, 'lib', 'tablets', 'key'));
const { resolveDependenciesFromPackageJson } = require(path.join(ROSETTA, 'lib', 'snippet-dependencies'));

function docFiles(args) {
  const named = args.filter((a) => !a.startsWith('--'));
  if (named.length > 0) return named.map((f) => path.resolve(f));
  const dir = path.join(ROOT, 'docs');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(dir, f));
}

/**
 * What a snippet compiles against, as `jsii-rosetta extract` sets it for the README: this package (the built
 * assembly and lib/) and its dependencies and peers, linked into a scratch directory by jsii-rosetta.
 */
async function compilationDependencies() {
  const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return {
    [packageJson.name]: { type: 'concrete', resolvedDirectory: fs.realpathSync(ROOT) },
    ...(await resolveDependenciesFromPackageJson(packageJson, ROOT)),
  };
}

/** The snippets of one markdown file, each with its fixture applied and the line of its block in `line`. */
function snippetsOf(file, dependencies) {
  const markdown = fs.readFileSync(file, 'utf8');
  const rel = path.relative(ROOT, file);
  // The block's line: rosetta numbers a markdown snippet by its position, the reader wants the line of the fence.
  const fences = [];
  markdown.split('\n').forEach((text, i) => {
    if (/^ *```(ts|typescript)\b/.test(text)) fences.push(i + 1);
  });
  const snippets = extractTypescriptSnippetsFromMarkdown(markdown, { api: 'file', fileName: rel }, true);
  if (snippets.length !== fences.length) {
    throw new Error(`${rel}: found ${fences.length} \`\`\`ts fences but jsii-rosetta parsed ${snippets.length} snippets (an indented or unclosed block?)`);
  }
  return snippets.map((snippet, i) => ({
    file: rel,
    line: fences[i],
    fixture: snippet.parameters?.fixture ?? (snippet.parameters?.nofixture !== undefined ? '(none)' : 'default'),
    tsOnly: snippet.parameters?.['ts-only'] !== undefined,
    snippet: fixturize({
      ...rosetta.updateParameters(snippet, { [rosetta.SnippetParameters.$PROJECT_DIRECTORY]: ROOT }),
      compilationDependencies: dependencies,
    }, false),
  }));
}

async function main() {
  const args = process.argv.slice(2);
  if (!fs.existsSync(path.join(ROOT, '.jsii'))) {
    process.stderr.write('rosetta-docs: no .jsii assembly: run `npx projen compile` first\n');
    process.exit(1);
  }
  const dependencies = await compilationDependencies();
  let entries = docFiles(args).flatMap((f) => snippetsOf(f, dependencies));
  if (args.includes('--list')) {
    for (const e of entries) process.stdout.write(`${e.file}:${e.line}\t${e.tsOnly ? 'ts-only (not compiled)' : `fixture=${e.fixture}`}\n`);
    return;
  }
  const tsOnly = entries.filter((e) => e.tsOnly);
  entries = entries.filter((e) => !e.tsOnly);
  const assemblies = loadAssemblies([ROOT], false);
  const translator = new rosetta.RosettaTranslator({ includeCompilerDiagnostics: true, assemblies: assemblies.map((a) => a.assembly) });
  const result = await translator.translateAll(entries.map((e) => e.snippet));
  const failed = [];
  for (const e of entries) {
    const translated = translator.tablet.tryGetSnippet(snippetKey(e.snippet));
    if (translated?.snippet.didCompile !== true) failed.push(`${e.file}:${e.line} (fixture=${e.fixture})`);
  }
  const errors = result.diagnostics.filter((d) => d.isError);
  if (errors.length > 0 || failed.length > 0) {
    for (const d of errors) process.stderr.write(`${d.formattedMessage}\n`);
    process.stderr.write(`rosetta-docs: ${failed.length} of ${entries.length} docs snippets do not compile in strict mode` +
      (failed.length > 0 ? `:\n  ${failed.join('\n  ')}\n` : '\n') +
      'Fix the snippet, or give it a fixture from rosetta/ (```ts fixture=<name>).\n');
    process.exit(1);
  }
  process.stdout.write(`rosetta-docs: ${entries.length} snippets in docs/*.md compile (strict) and translate to Python, Java, C# and Go` +
    (tsOnly.length > 0 ? `; TypeScript-only, not compiled: ${tsOnly.map((e) => `${e.file}:${e.line}`).join(', ')}` : '') + '\n');
}

main().catch((e) => {
  process.stderr.write(`rosetta-docs: ${e.stack ?? e}\n`);
  process.exit(1);
});
