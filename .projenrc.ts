import { cdk8s, javascript } from 'projen';

/** cdk8s-cli version used by `npx projen import` and `npm run synth`; pinned so regeneration is reproducible. */
const CDK8S_CLI_VERSION = '2.207.60';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-gateway-api',
  description:
    'cdk8s constructs for the Kubernetes Gateway API (v1.6.1): L1 for every kind, persona-shaped L2s, and offline validation.',
  author: 'cdk8s-gateway-api maintainers',
  authorAddress: 'maintainers@cdk8s-gateway-api.dev',
  repositoryUrl: 'https://github.com/cdk8s-gateway-api/cdk8s-gateway-api.git',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  keywords: ['cdk8s', 'kubernetes', 'gateway-api', 'httproute', 'ingress', 'k8s'],
  license: 'Apache-2.0',

  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  cdk8sPlusVersionPinning: false,

  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // runtime dependencies are bundled into the jsii package
  bundledDeps: [
    'yaml@^2.8.0', 'ajv@^8.17.1', '@bufbuild/cel@0.6.1', '@bufbuild/re2@0.6.1',
    // the peer dependency of @bufbuild/cel: bundled with it, or an installed package cannot load the CEL runtime
    '@bufbuild/protobuf@^2.6.2',
    // the CLI's argument parser; the fast YAML reader of large inputs; Graphviz (WebAssembly) for the report's layout
    'commander@^14.0.0', 'js-yaml@^4.1.0', '@viz-js/viz@^3.20.0',
  ],
  // cdk8s-plus-33 stands in for "a later cdk8s-plus line" in the Backend.fromService() tests
  devDeps: [
    '@types/node@^20', `cdk8s-cli@${CDK8S_CLI_VERSION}`, 'cdk8s-plus-28@^2.5.6', 'cdk8s-plus-33@^2.5.57', '@types/js-yaml@^4.0.9',
    // browser tests of the HTML report (Debian chromium at /usr/bin/chromium); the peer in the CLI benchmark
    'playwright-core@^1.50.0', '@kubernetes-models/gateway-api@^2.0.0',
    // extracts the pinned Gateway API release files from the upstream source archive (scripts/gateway-api-release.js)
    'tar@^7.4.0',
    // reads the (gzipped) jsii assembly in the jsii runtime test
    '@jsii/spec@^1.140.0',
  ],

  // jsii targets. Publishing workflows are not enabled yet; these settings drive `jsii-pacmak`.
  publishToPypi: {
    distName: 'cdk8s-gateway-api',
    module: 'cdk8s_gateway_api',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s_gateway_api',
    mavenGroupId: 'io.github.cdk8s-gateway-api',
    mavenArtifactId: 'cdk8s-gateway-api',
  },
  publishToNuget: {
    dotNetNamespace: 'Cdk8sGatewayApi',
    packageId: 'Cdk8sGatewayApi',
  },
  publishToGo: {
    moduleName: 'github.com/cdk8s-gateway-api/cdk8s-gateway-api-go',
  },
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  githubOptions: { mergify: false, pullRequestLint: false },

  // The L1 code lives in the top-level imports/ folder, so the TypeScript root is the repo root and the
  // compiled entry point is lib/src/index.js.
  tsconfig: {
    compilerOptions: {
      rootDir: '.',
      // no source maps in the package: they would embed the TypeScript sources, which it does not ship
      inlineSourceMap: false,
      inlineSources: false,
    },
    include: ['src/**/*.ts', 'imports/**/*.ts'],
  },
  jestOptions: {
    // a snapshot mismatch fails the test; refresh snapshots on purpose with `npx projen test:update`
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testTimeout: 60_000,
      // coverage is slow on the large generated L1 files and not used by CI
      collectCoverage: false,
      // finds the Gateway API release files once per run (GATEWAY_API_SHARED_DIR, ../shared, the local cache,
      // or a download into the cache); fails the whole run with one clear message when there are none
      globalSetup: '<rootDir>/test/support/global-setup.js',
    },
  },
  gitignore: ['/examples/dist/', '/dist/', '.jsii-pacmak-out/', '.jsii.gz'],
  docgen: true,
  // the jsii assembly (3 MB of JSON) ships gzipped; jsii-pacmak, jsii-docgen and the jsii runtime read it
  compressAssembly: true,
});

// Entry points: projen assumes lib/index.*, but rootDir "." puts the compiled entry at lib/src/index.*.
project.package.addField('main', 'lib/src/index.js');
project.package.addField('types', 'lib/src/index.d.ts');
project.package.addField('engines', { node: '>= 20.0.0' });

// Generated L1 code is never linted nor hand-edited.
project.eslint?.addIgnorePattern('imports/');
project.eslint?.addIgnorePattern('examples/dist/');
project.npmignore?.exclude('/examples/', '/scripts/', '/.ci/', '/bench/');
// the rosetta tablet is build input for jsii-pacmak and the API docs of other languages, not for the package's users
project.npmignore?.exclude('/.jsii.tabl.json');
project.npmignore?.include('/lib/');

// A lean package (test/package.test.ts holds it to a budget):
// - the generated L1 sources (imports/*.ts) stay out: lib/imports/ has their compiled .js and .d.ts;
project.npmignore?.exclude('/imports/');
// - no source maps: they would point at (or embed) the TypeScript sources, which the package does not ship;
//   (jsii compiles with tsconfig.json: see tsconfig.compilerOptions above)
// - the L1 namespaces of the entry point load on first access (require('cdk8s-gateway-api') stays fast);
project.compileTask.exec('node scripts/lazy-submodules.js');
// - the JSON copied into lib/ (the CRD schema bundle) without whitespace;
project.compileTask.exec('node scripts/minify-json.js');
// - the API reference stays on GitHub (README links it), as do the per-submodule files;
project.npmignore?.exclude('/API.md');
// - the bundled dependencies' test data, ESM/browser builds and sources stay out (see scripts/trim-bundled.js).
project.package.setScript('prepack', 'node scripts/trim-bundled.js');

project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
// No import cycles in src/ (issue 11): eslint runs in `npm test` after jest (projen's test task), so a cycle fails the
// build. Type-only imports do not count (they vanish at run time).
project.eslint?.addRules({ 'import/no-cycle': ['error', { ignoreExternal: true }] });

// jest transpiles without type-checking, so the examples app, the upstream-parity programs and the benchmarks are
// type-checked as part of `npm test`.
project.testTask.exec('tsc --noEmit -p examples/tsconfig.json');
project.testTask.exec('tsc --noEmit -p bench/tsconfig.json');

// Generated files are marked so GitHub folds them in diffs.
project.gitattributes.addAttributes('/imports/**', 'linguist-generated');

// API.md: the L1 submodules make one file unwieldy (several MB), so each submodule gets its own file
// next to API.md (gatewayapi.md, gatewayapi_experimental.md, gatewayapix.md).
const SUBMODULE_DOCS = ['gatewayapi.md', 'gatewayapi_experimental.md', 'gatewayapix.md'];
project.tasks.tryFind('docgen')!.reset('jsii-docgen --split-by-submodule -o API.md');
for (const doc of SUBMODULE_DOCS) {
  project.gitattributes.addAttributes(`/${doc}`, 'linguist-generated');
  project.npmignore?.exclude(`/${doc}`);
}

// Node 20 is what this project's machines run; jsii's end-of-life banner is noise in every log.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// ---------------------------------------------------------------------------------------------
// L1 generation: `npx projen import` runs `cdk8s import` over the Gateway API CRDs.
// GATEWAY_API_CRDS_DIR overrides the CRD location (default ../shared/gateway-api-v1.6.1/crds).
// ---------------------------------------------------------------------------------------------
project.addTask('import', {
  description:
    'Regenerate the L1 classes in imports/ from the Gateway API CRDs (override the CRD folder with GATEWAY_API_CRDS_DIR)',
  exec: 'node scripts/import-crds.js',
});
// The Gateway API release files for the tests and the import task: GATEWAY_API_SHARED_DIR, ../shared, or the local
// cache that this task fills from the upstream source archive, checked against pinned SHA-256 sums.
project.addTask('fetch:gateway-api', {
  description: 'Download the Gateway API v1.6.1 release files into node_modules/.cache (checked against scripts/gateway-api-v1.6.1.sha256)',
  exec: 'node scripts/gateway-api-release.js fetch',
});
// ...and the schema bundle of the validation engine (src/validation/bundle/gateway-api-crds.json).
project.tasks.tryFind('import')!.exec('node scripts/bundle-schemas.js');
// ...then, from that bundle, the CEL rules parsed at build time (cel-asts.json) and the schema validators ajv generates
// (schema-validators.json), so that a run neither parses rules nor compiles schemas (tests fail when either is stale).
project.tasks.tryFind('import')!.exec('node scripts/bundle-cel-asts.js');
project.tasks.tryFind('import')!.exec('node scripts/bundle-schema-validators.js');
project.gitattributes.addAttributes('/src/validation/bundle/*.json', 'linguist-generated');
// ...and the implementation catalogue of the feature lint (src/features/catalogue-data.json), from the conformance reports
// (override the folder with GATEWAY_API_REPORTS_DIR, default ../shared/gateway-api-v1.6.1/conformance-reports); it also
// regenerates the support matrix in docs/implementations.md.
project.tasks.tryFind('import')!.exec('node scripts/build-feature-catalogue.js');
project.gitattributes.addAttributes('/src/features/catalogue-data.json', 'linguist-generated');

// The validation CLI: `cdk8s-gateway-api validate [--channel ...] [--output ...] <file|dir>...`
project.addBins({ 'cdk8s-gateway-api': 'lib/src/cli/main.js' });

// The examples app: `npm run synth` synthesizes examples/ with `cdk8s synth` into examples/dist/.
project.addTask('synth', {
  description: 'Synthesize the examples app (examples/) to YAML with cdk8s synth',
  cwd: 'examples',
  exec: 'cdk8s synth --check-upgrade=false',
});

// Benchmarks (never part of `npm test`): `npm run bench` (add `-- --json` for machine-readable output).
// Compiles first so the cold require() time is measured on the built package.
const bench = project.addTask('bench', {
  description: 'Benchmark synth, validation and analysis at platform scale against raw cdk8s (see bench/run.ts)',
});
// (compiler output goes to stderr, so that `npm run --silent bench -- --json > bench.json` writes only the JSON)
bench.exec('jsii --silence-warnings=reserved-word 1>&2');
bench.exec('node scripts/lazy-submodules.js');
bench.exec('node scripts/minify-json.js');
bench.exec('ts-node --transpile-only --project bench/tsconfig.json bench/run.ts', { receiveArgs: true });
project.npmignore?.exclude('/bench/');

// Only the JavaScript package is part of `projen build`; the other jsii targets are generated by .ci/run
// with `jsii-pacmak --code-only` (their packaging toolchains and registries are not available here).
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// Every README and doc-comment snippet compiles in jsii-rosetta's strict mode (fixtures in rosetta/), so that it can be
// shown in Python, Java, C# and Go; `.ci/run` runs the extraction and fails when a snippet no longer compiles.
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
const rosettaExtract = project.addTask('rosetta:extract', {
  description: 'Compile and translate every README, doc-comment and docs/*.md snippet with jsii-rosetta in strict mode (needs a compiled assembly)',
  exec: 'jsii-rosetta extract --strict',
});
// docs/*.md are not part of the assembly: scripts/rosetta-docs.js compiles their snippets the same way (fixtures in rosetta/).
rosettaExtract.exec('node scripts/rosetta-docs.js');
// The API reference in Python, Java, C# and Go (the L2 API of the root module; the L1 modules keep their TypeScript
// reference): jsii-docgen shows the doc-comment examples from the rosetta tablet (.jsii.tabl.json), and fails when a
// snippet has no translation there. `.ci/run` regenerates them and fails on a diff.
const docgenLanguages = project.addTask('docgen:languages', {
  description: 'Write docs/api/API.<language>.md (Python, Java, C#, Go) with jsii-docgen, after rosetta:extract (needs a compiled assembly)',
});
docgenLanguages.spawn(rosettaExtract);
docgenLanguages.exec('jsii-docgen --language python --language java --language csharp --language go --submodule root --output docs/api/API');
project.gitattributes.addAttributes('/docs/api/*.md', 'linguist-generated');
// The examples app in Python and Java (examples/python, examples/java), translated by jsii-rosetta and committed.
project.addTask('examples:translate', {
  description: 'Translate examples/app.ts to Python and Java with jsii-rosetta (node scripts/translate-examples.js --check verifies them)',
  exec: 'node scripts/translate-examples.js',
});
project.gitignore.exclude('.jsii.tabl.json', '*.tabl.json');
// .ci/run byte-compiles the Python examples
project.gitignore.exclude('__pycache__/');
project.npmignore?.exclude('/rosetta/');
// the guides (and the report screenshot) are read on GitHub: the README links them with absolute URLs
project.npmignore?.exclude('/docs/');

project.synth();
