/**
 * Where the Gateway API release files come from (scripts/gateway-api-release.js): the lookup order, the message when
 * there are none, and the download into the cache — served from 127.0.0.1, checked against the pinned SHA-256 sums.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tar from 'tar';
import { SHARED_DIR } from './support/shared';
const release = require('../scripts/gateway-api-release'); // eslint-disable-line @typescript-eslint/no-require-imports

const ROOT = path.resolve(__dirname, '..');
let tmp: string;
let server: http.Server;
let base: string;
const archives = new Map<string, Buffer>();

/** A tarball laid out like the upstream source archive, made from the release files in use. */
async function upstreamArchive(tamper?: (dir: string) => void): Promise<Buffer> {
  const stage = fs.mkdtempSync(path.join(tmp, 'stage-'));
  const top = path.join(stage, 'gateway-api-1.6.1');
  const copy = (from: string, to: string) => fs.cpSync(path.join(SHARED_DIR, from), path.join(top, to), { recursive: true });
  copy('crds', 'config/crd');
  copy('examples', 'examples');
  copy('invalid-examples', 'hack/invalid-examples');
  copy('conformance-reports', 'conformance/reports');
  copy('LICENSE', 'LICENSE');
  // upstream has much more; files that are not pinned are left out of the cache
  fs.mkdirSync(path.join(top, 'pkg'), { recursive: true });
  fs.writeFileSync(path.join(top, 'pkg', 'other.go'), 'package other\n');
  tamper?.(top);
  const file = path.join(stage, 'archive.tar.gz');
  await tar.c({ gzip: true, file, cwd: stage, portable: true }, ['gateway-api-1.6.1']);
  return fs.readFileSync(file);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-api-release-'));
  archives.set('/good.tar.gz', await upstreamArchive());
  archives.set('/tampered.tar.gz', await upstreamArchive((top) => {
    const crd = path.join(top, 'config/crd/standard/gateway.networking.k8s.io_httproutes.yaml');
    fs.appendFileSync(crd, '# changed\n');
  }));
  archives.set('/incomplete.tar.gz', await upstreamArchive((top) => fs.rmSync(path.join(top, 'hack'), { recursive: true })));
  server = http.createServer((req, res) => {
    const body = archives.get(req.url ?? '');
    res.writeHead(body ? 200 : 404).end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('fetching the release files into the cache', () => {
  test('extracts exactly the pinned files and checks them', async () => {
    const target = path.join(tmp, 'cache-good', 'v1.6.1');
    await release.fetchRelease({ url: `${base}/good.tar.gz`, target });
    expect(release.verifyDir(target)).toEqual([]);
    expect(fs.existsSync(path.join(target, 'crds/standard/gateway.networking.k8s.io_gateways.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'invalid-examples/standard'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'conformance-reports'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'pkg'))).toBe(false);
    // the cache is then found like any other source
    const found = release.resolveReleaseDir({ GATEWAY_API_SIBLING_DIR: path.join(tmp, 'none'), GATEWAY_API_CACHE_DIR: target });
    expect(found).toEqual({ dir: target, source: 'the local cache' });
  }, 60_000);

  test('fails on a checksum mismatch and leaves no cache', async () => {
    const target = path.join(tmp, 'cache-tampered', 'v1.6.1');
    await expect(release.fetchRelease({ url: `${base}/tampered.tar.gz`, target }))
      .rejects.toThrow(/does not match the pinned SHA-256 sums.*crds\/standard\/gateway\.networking\.k8s\.io_httproutes\.yaml: checksum mismatch/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  }, 60_000);

  test('fails when pinned files are missing from the archive', async () => {
    const target = path.join(tmp, 'cache-incomplete', 'v1.6.1');
    await expect(release.fetchRelease({ url: `${base}/incomplete.tar.gz`, target }))
      .rejects.toThrow(/invalid-examples\/.*: missing/);
    expect(fs.existsSync(target)).toBe(false);
  }, 60_000);

  test('fails on an HTTP error', async () => {
    const target = path.join(tmp, 'cache-404', 'v1.6.1');
    await expect(release.fetchRelease({ url: `${base}/nothing.tar.gz`, target })).rejects.toThrow(/HTTP 404/);
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('looking up the release files', () => {
  test('GATEWAY_API_SHARED_DIR comes first, then ../shared, then the cache', () => {
    const env = { GATEWAY_API_SHARED_DIR: SHARED_DIR, GATEWAY_API_SIBLING_DIR: path.join(tmp, 'none'), GATEWAY_API_CACHE_DIR: path.join(tmp, 'none2') };
    expect(release.resolveReleaseDir(env)).toEqual({ dir: SHARED_DIR, source: 'GATEWAY_API_SHARED_DIR' });
    expect(release.candidates(env).map((c: any) => c.source)).toEqual(['GATEWAY_API_SHARED_DIR', '../shared', 'the local cache']);
    expect(release.resolveReleaseDir({ ...env, GATEWAY_API_SHARED_DIR: undefined, GATEWAY_API_SIBLING_DIR: SHARED_DIR }))
      .toEqual({ dir: SHARED_DIR, source: '../shared' });
  });

  test('fails if there is no source, with one message naming the three places and the fetch command', () => {
    const env = { GATEWAY_API_SIBLING_DIR: path.join(tmp, 'none'), GATEWAY_API_CACHE_DIR: path.join(tmp, 'none2') };
    expect(release.resolveReleaseDir(env)).toBeUndefined();
    const message = release.missingMessage(env);
    expect(message).toContain('GATEWAY_API_SHARED_DIR (not set)');
    expect(message).toContain(path.join(tmp, 'none'));
    expect(message).toContain(path.join(tmp, 'none2'));
    expect(message).toContain('npm run fetch:gateway-api');
  });

  test('fails the test run with that message when the download cannot be made (offline)', () => {
    const script = `require(${JSON.stringify(path.join(ROOT, 'test/support/global-setup.js'))})().then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['-e', script], {
        env: {
          ...process.env,
          GATEWAY_API_SHARED_DIR: '',
          GATEWAY_API_SIBLING_DIR: path.join(tmp, 'none'),
          GATEWAY_API_CACHE_DIR: path.join(tmp, 'offline-cache'),
          GATEWAY_API_RELEASE_URL: 'http://127.0.0.1:9/unreachable.tar.gz',
        },
        stdio: 'pipe',
      });
    } catch (e: any) {
      expect(e.status).toBe(3);
      stderr = e.stderr.toString();
    }
    expect(stderr).toMatch(/release files were not found\. Looked in: GATEWAY_API_SHARED_DIR \(not set\);/);
    expect(stderr).toContain('npm run fetch:gateway-api');
    expect(stderr).toContain('The download failed');
  });
});

test('the committed pins match the release files in use', () => {
  expect(release.verifyDir(SHARED_DIR)).toEqual([]);
});
