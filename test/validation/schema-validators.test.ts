/**
 * The schema validators generated at build time (src/validation/bundle/schema-validators.json, see
 * src/validation/structural.ts): current, and giving exactly the errors of the validators ajv compiles at run time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { releaseExamples, schemaKeyOf, withMutations } from './helpers';
import { prng } from '../../bench/scenario';
import { schemaByKey } from '../../src/validation/bundle';
import { prepare } from '../../src/validation/prepare';
import { schemaNode } from '../../src/validation/schema-node';
import { _compileForTest, compiledValidator, encodeSchemaValidators, precompiledAjvVersion } from '../../src/validation/structural';

const FILE = path.join(__dirname, '..', '..', 'src', 'validation', 'bundle', 'schema-validators.json');

describe('schema validators generated at build time', () => {
  test('the bundle is what scripts/bundle-schema-validators.js writes for the current schemas and ajv version (else: run it)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(precompiledAjvVersion()).toBe(require('ajv/package.json').version);
    expect(encodeSchemaValidators()).toBe(fs.readFileSync(FILE, 'utf-8'));
  });

  test('a bundled validator gives the errors of the one ajv compiles now, on the release examples and 2000 mutations', () => {
    const picks: unknown[] = ['', 'x', -1, 0, 70000, 2 ** 40, 1.5, true, null, [], {}, [1, 1], ['a', 'a'], 'é'.repeat(300), 'not-an-ip', '10.0.0.1', '::1'];
    const docs = withMutations(releaseExamples(), 2000, prng(7), picks);
    // the validators ajv compiles now, in this process (a separate ajv instance, as at build time)
    const fresh = new Map<string, (data: unknown) => boolean>();
    let invalid = 0;
    let checked = 0;
    for (const { doc, channel } of docs) {
      const key = schemaKeyOf(doc, channel);
      if (!key) continue;
      const data = prepare({ ...doc }, schemaNode(key));
      const bundled = compiledValidator(key, schemaByKey(key));
      if (!fresh.has(key)) fresh.set(key, _compileForTest(schemaByKey(key)));
      const now = fresh.get(key)! as any;
      const a = bundled(data);
      const b = now(data);
      expect({ key, valid: a, errors: bundled.errors ?? null }).toStrictEqual({ key, valid: b, errors: now.errors ?? null });
      if (!a) invalid++;
      checked++;
    }
    expect(checked).toBeGreaterThan(1900);
    expect(invalid).toBeGreaterThan(500);
  });
});
