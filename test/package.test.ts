import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * The npm package stays lean: what `npm pack` would publish, against a budget. The size and the compiled-file checks
 * need lib/ (`npx projen compile`); `npx projen build` runs the tests after compiling.
 */
const ROOT = path.join(__dirname, '..');
const BUDGET_BYTES = 8 * 1024 * 1024;
const built = fs.existsSync(path.join(ROOT, 'lib', 'src', 'index.js'));
const whenBuilt = built ? test : test.skip;
if (!built) console.warn('test/package.test.ts: lib/ is not compiled (npx projen compile): the size and lib/ checks are skipped');

interface PackResult {
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: Array<{ path: string; size: number }>;
}

let pack: PackResult;
beforeAll(() => {
  // runs the prepack script (scripts/trim-bundled.js) as a real pack does
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  pack = JSON.parse(out)[0];
}, 120_000);

describe('the npm package', () => {
  whenBuilt(`is at most ${BUDGET_BYTES / 1024 / 1024} MB unpacked`, () => {
    // eslint-disable-next-line no-console
    console.log(`npm package: ${pack.size} bytes packed, ${pack.unpackedSize} bytes unpacked, ${pack.entryCount} files`);
    expect(pack.unpackedSize).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  test('has no TypeScript sources (only .d.ts), no source maps, no tests or test data', () => {
    const paths = pack.files.map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toStrictEqual([]);
    expect(paths.filter((p) => p.startsWith('imports/'))).toStrictEqual([]);
    expect(paths.filter((p) => p.endsWith('.map'))).toStrictEqual([]);
    expect(paths.filter((p) => /(^|\/)(test|tests|testdata|__tests__|benchmark)\//.test(p))).toStrictEqual([]);
    expect(paths.filter((p) => /^(src|examples|bench|scripts|\.ci)\//.test(p))).toStrictEqual([]);
  });

  test('bundles every runtime dependency, @bufbuild/protobuf (a peer of @bufbuild/cel) included', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bundledDependencies).toEqual(expect.arrayContaining(['@bufbuild/cel', '@bufbuild/protobuf', 'yaml', 'ajv', 'commander']));
    for (const dep of Object.keys(pkg.dependencies)) expect(pkg.bundledDependencies).toContain(dep);
    const paths = new Set(pack.files.map((f) => f.path));
    for (const dep of pkg.bundledDependencies) expect(paths.has(`node_modules/${dep}/package.json`)).toBe(true);
    // and the peers of the bundled packages are bundled too
    for (const dep of pkg.bundledDependencies) {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', dep, 'package.json'), 'utf8'));
      for (const peer of Object.keys(manifest.peerDependencies ?? {})) expect(paths.has(`node_modules/${peer}/package.json`)).toBe(true);
    }
  });

  whenBuilt('ships the compiled L1 and its declarations, the gzipped jsii assembly, and the bin', () => {
    const paths = new Set(pack.files.map((f) => f.path));
    for (const p of ['lib/src/index.js', 'lib/src/index.d.ts', 'lib/imports/standard/gateway.networking.k8s.io.js',
      'lib/imports/standard/gateway.networking.k8s.io.d.ts', 'lib/src/cli/main.js', '.jsii', '.jsii.gz', 'README.md']) {
      expect(paths.has(p)).toBe(true);
    }
    // no file of lib/ points at a source map
    const main = fs.readFileSync(path.join(ROOT, 'lib', 'src', 'cli', 'main.js'), 'utf8');
    expect(main).not.toContain('sourceMappingURL');
  });

  whenBuilt('the declarations a user compiles against reach no bundled package (their .d.ts files are left out)', () => {
    const program = ts.createProgram([path.join(ROOT, 'lib', 'src', 'index.d.ts')], {
      noEmit: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022, types: ['node'],
    });
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const reached = program.getSourceFiles().map((f) => path.relative(ROOT, f.fileName))
      .filter((f) => pkg.bundledDependencies.some((dep: string) => f.startsWith(`node_modules/${dep}/`)));
    expect(reached).toStrictEqual([]);
  }, 120_000);

  whenBuilt('require() loads the L1 namespaces on first access, each once', () => {
    const script = `
      const pkg = require(${JSON.stringify(path.join(ROOT, 'lib', 'src', 'index.js'))});
      const loaded = () => Object.keys(require.cache).filter((k) => k.includes('/lib/imports/experimental/')).length;
      const before = loaded();
      const a = pkg.gatewayapi_experimental;
      console.log(JSON.stringify({ before, after: loaded(), same: a === pkg.gatewayapi_experimental, kind: typeof a.HttpRoute, x: typeof pkg.gatewayapix.XBackend }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out).toStrictEqual({ before: 0, after: 1, same: true, kind: 'function', x: 'function' });
  });
});

describe('scripts/lazy-submodules.js', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { makeLazy } = require('../scripts/lazy-submodules.js');
  test('turns the eager namespace exports into memoized getters, and leaves other lines alone', () => {
    const source = [
      'exports.gatewayapi = __importStar(require("../imports/standard/gateway.networking.k8s.io"));',
      '__exportStar(require("./core"), exports);',
    ].join('\n');
    const { source: out, names } = makeLazy(source);
    expect(names).toStrictEqual(['gatewayapi']);
    expect(out).toContain('Object.defineProperty(exports, "gatewayapi", { enumerable: true, configurable: true, get: () =>');
    expect(out).toContain('__exportStar(require("./core"), exports);');
    expect(makeLazy(out).names).toStrictEqual([]);
  });
});
