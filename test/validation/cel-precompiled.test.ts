import * as fs from 'fs';
import * as path from 'path';
import { parse } from '@bufbuild/cel';
import { compileAllRules } from '../../src/validation/cel/compile';
import { parsedSources } from '../../src/validation/cel/parsed';
import { encodePrecompiled, precompiledAst, precompiledSources } from '../../src/validation/cel/precompiled';

const TABLE = path.join(__dirname, '..', '..', 'src', 'validation', 'bundle', 'cel-asts.json');
const REGENERATE = 'run `node scripts/bundle-cel-asts.js` to regenerate src/validation/bundle/cel-asts.json';

describe('CEL rules parsed at build time', () => {
  test('every entry is exactly what the parser returns for its source', () => {
    const sources = precompiledSources();
    expect(sources.length).toBeGreaterThan(100);
    for (const source of sources) expect({ source, ast: precompiledAst(source) }).toStrictEqual({ source, ast: parse(source) });
  });

  test(`the table has every source the compiler parses for the bundled CRDs, and nothing else (else: ${REGENERATE})`, () => {
    compileAllRules();
    const parsed = parsedSources();
    expect(precompiledSources()).toStrictEqual([...parsed.keys()]);
    // regenerating gives the committed file byte for byte
    const fresh = new Map([...parsed.keys()].map((source) => [source, parse(source)]));
    expect(encodePrecompiled(fresh)).toBe(fs.readFileSync(TABLE, 'utf-8'));
  });

  test('a source the table does not have is undefined there (the compiler parses it at run time)', () => {
    expect(precompiledAst('self.size() > 12345')).toBeUndefined();
  });
});
