import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS, runCli } from '../../src/cli/cli';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

const PACKAGE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const COMMAND_NAMES = COMMANDS.map((factory) => factory({ stdout: () => undefined, stderr: () => undefined }, () => undefined).name());

describe('the cdk8s-gateway-api program', () => {
  test('wires validate and analyze, each name once', () => {
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['validate', 'analyze']));
    expect(new Set(COMMAND_NAMES).size).toBe(COMMAND_NAMES.length);
  });

  test('--help lists every command with its summary, on stdout, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: cdk8s-gateway-api \[options\] \[command\]\n/);
    for (const name of COMMAND_NAMES) expect(r.stdout).toMatch(new RegExp(`\\n  ${name} \\[options\\]`));
    const flat = r.stdout.replace(/\s+/g, ' '); // the help wraps at the terminal's width
    expect(flat).toContain('validate Gateway API manifests offline');
    expect(flat).toContain('predict the status a conformant controller');
    expect(flat).toContain('-V, --version');
    expect(flat).toContain('Run "cdk8s-gateway-api <command> --help" for the options of a command.');
    expect((await cli(['-h'])).stdout).toBe(r.stdout);
    expect((await cli(['help'])).stdout).toBe(r.stdout);
    expect((await cli(['help'])).code).toBe(0);
  });

  test('--version prints the package version, exit 0', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${PACKAGE.version}\n`);
      expect(r.stderr).toBe('');
    }
  });

  test('fails with exit 2 on a bare run, naming every command, with the help on stderr', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const names = COMMAND_NAMES.map((n) => `"${n}"`);
    expect(r.stderr.split('\n')[0]).toBe(`cdk8s-gateway-api: missing command: use ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);
    for (const name of COMMAND_NAMES) expect(r.stderr).toMatch(new RegExp(`\\n  ${name} \\[options\\]`));
  });

  test('fails with exit 2 on an unknown command, with a suggestion and the command list', async () => {
    const r = await cli(['valdate', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-gateway-api: unknown command 'valdate'\n\(Did you mean validate\?\)\n/);
    expect(r.stderr).toContain('Commands:');
    const other = await cli(['check']);
    expect(other.code).toBe(2);
    expect(other.stderr.split('\n')[0]).toBe('cdk8s-gateway-api: unknown command \'check\'');
  });

  test('fails with exit 2 on an unknown top-level option', async () => {
    const r = await cli(['--verbose', 'validate', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-gateway-api: unknown option \'--verbose\'');
  });

  test('help <command> prints that command\'s help', async () => {
    for (const name of COMMAND_NAMES) {
      const r = await cli(['help', name]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: cdk8s-gateway-api ${name} `));
      expect((await cli([name, '--help'])).stdout).toBe(r.stdout);
    }
  });
});
