import * as fs from 'fs';
import * as path from 'path';

const DIR = path.join(__dirname, '../../../src/core/spec');

describe('core/spec is pure', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  test.each(files)('%s imports nothing but its sibling modules (no project module, no package)', (file) => {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(specifiers.filter((s) => !/^\.\/[a-z-]+$/.test(s))).toEqual([]);
  });

  test('fails if the check cannot see imports (it finds the siblings)', () => {
    const attachment = fs.readFileSync(path.join(DIR, 'attachment.ts'), 'utf8');
    expect([...attachment.matchAll(/^import[^;]*?from\s+'([^']+)'/gm)].length).toBeGreaterThan(0);
  });
});
