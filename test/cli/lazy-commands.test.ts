import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMMANDS, runCli } from '../../src/cli/cli';
import { COMMAND_NAMES, createProgram } from '../../src/cli/program';

const quiet = { stdout: () => undefined, stderr: () => undefined };

describe('commands loaded on demand', () => {
  test('each name of COMMAND_NAMES is the name of the command its factory builds, in the same order', () => {
    expect(COMMANDS.map((factory) => factory(quiet, () => undefined).name())).toStrictEqual(COMMAND_NAMES);
  });

  test('a run of one command builds only that command; its help is the same as with every command built', async () => {
    expect(createProgram(quiet, () => undefined, 'validate').commands.map((c) => c.name())).toStrictEqual(['validate']);
    expect(createProgram(quiet, () => undefined).commands.map((c) => c.name())).toStrictEqual(COMMAND_NAMES);
    const out: string[] = [];
    const code = await runCli(['validate', '--help'], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
    // the same arguments parsed by the program with every command built
    const fullOut: string[] = [];
    const full = createProgram({ stdout: (t) => fullOut.push(t), stderr: (t) => fullOut.push(t) }, () => undefined);
    await expect(full.parseAsync(['validate', '--help'], { from: 'user' })).rejects.toThrow();
    expect(code).toBe(0);
    expect(out.join('')).toBe(fullOut.join(''));
    expect(out.join('')).toContain('Exit status: 0 when every manifest is valid');
  });

  test('a usage error of one command reads the same, and the exit status is 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-commands-'));
    try {
      const err: string[] = [];
      const code = await runCli(['analyze', '--output', 'nope', dir], { stdout: () => undefined, stderr: (t) => err.push(t) });
      expect(code).toBe(2);
      expect(err.join('')).toMatch(/^cdk8s-gateway-api analyze: option '-o, --output <format>' argument 'nope' is invalid/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
