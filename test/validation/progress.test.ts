import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateFile } from '../../src/validation/documents';
import { Progress } from '../../src/validation/progress';
import { GatewayApiValidator } from '../../src/validation/validator';

/** A progress on a fake stream and a fake clock. */
function fake(isTTY: boolean, extra: { totalFiles?: number } = {}) {
  const written: string[] = [];
  let t = 0;
  const progress = new Progress({ write: (s) => written.push(s), isTTY, now: () => t, ...extra });
  return { progress, written, advance: (ms: number) => { t += ms; } };
}

describe('progress on standard error', () => {
  test('nothing during the first second, then files, objects and the rate, redrawn in place at most every 200 ms', () => {
    const { progress, written, advance } = fake(true, { totalFiles: 3 });
    progress.objectsDone(500);
    advance(900);
    progress.fileDone();
    expect(written).toStrictEqual([]);
    advance(200); // 1.1 s
    progress.objectsDone(600);
    expect(written).toStrictEqual(['\r\u001b[Kreading: 1/3 files, 1100 objects (1000/s, 1.1 s)']);
    advance(100);
    progress.objectsDone(); // within 200 ms of the last line: not redrawn
    expect(written).toHaveLength(1);
    advance(100);
    progress.fileDone();
    expect(written[1]).toBe('\r\u001b[Kreading: 2/3 files, 1101 objects (847/s, 1.3 s)');
    progress.done();
    expect(written[2]).toBe('\r\u001b[K'); // the line is erased before the results are printed
  });

  test('fails if anything is written when standard error is not a terminal (CI logs stay clean)', () => {
    const { progress, written, advance } = fake(false);
    for (let i = 0; i < 100; i++) {
      advance(100);
      progress.objectsDone(1000);
      progress.fileDone();
    }
    progress.done();
    expect(written).toStrictEqual([]);
  });

  test('work done within a second writes nothing, not even the erase', () => {
    const { progress, written, advance } = fake(true);
    progress.objectsDone(10);
    advance(500);
    progress.fileDone();
    progress.done();
    expect(written).toStrictEqual([]);
  });

  test('validateFile counts the documents and the file of a real run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-'));
    const file = path.join(dir, 'routes.yaml');
    fs.writeFileSync(file, Array.from({ length: 5 }, (_, i) =>
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r${i}\nspec: {}\n`).join('---\n'));
    const written: string[] = [];
    let t = 0;
    // a clock on which every reading is 1 s later: every count is drawn
    const progress = new Progress({ write: (s) => written.push(s), isTTY: true, now: () => (t += 1000) });
    const reports = validateFile(file, new GatewayApiValidator(), progress);
    expect(reports.map((r) => r.valid)).toStrictEqual([true, true, true, true, true]);
    expect(written.map((w) => w.replace(/ \(.*/, ''))).toStrictEqual([
      ...[1, 2, 3, 4, 5].map((n) => `\r\u001b[Kreading: 0 files, ${n} object${n === 1 ? '' : 's'}`),
      '\r\u001b[Kreading: 1 file, 5 objects',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
