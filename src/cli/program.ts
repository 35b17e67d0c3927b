/**
 * The top-level `cdk8s-gateway-api` program: one commander program with every command, free of process globals so
 * that it runs in-process (tests) as well as from `main.ts`.
 *
 * A command lives in its own file and exports `create<Name>Command(io, setExit)`; adding one is one line in `ENTRIES`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';

/** The program name, as installed by the package's `bin`. */
export const PROGRAM_NAME = 'cdk8s-gateway-api';

/** Builds one command; its action reports its exit status through `setExit`. */
export type CommandFactory = (io: CliIo, setExit: (code: number) => void) => Command;

/**
 * Every command of the program, in the order `--help` lists them: its name and its factory, whose module is loaded
 * on first use. A run loads only the module of the command it runs (the engines of the other commands, e.g. the
 * migration's cdk8s, cost a CI run of `validate` a third of a second).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const ENTRIES: ReadonlyArray<{ readonly name: string; readonly load: () => CommandFactory }> = [
  { name: 'validate', load: () => (require('./validate') as typeof import('./validate')).createValidateCommand },
  { name: 'analyze', load: () => (require('./analyze') as typeof import('./analyze')).createAnalyzeCommand },
  { name: 'route', load: () => (require('./route') as typeof import('./route')).createRouteCommand },
  { name: 'features', load: () => (require('./features') as typeof import('./features')).createFeaturesCommand },
  { name: 'report', load: () => (require('./report') as typeof import('./report')).createReportCommand },
  { name: 'migrate', load: () => (require('./migrate') as typeof import('./migrate')).createMigrateCommand },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** The names of the commands, in the order of `COMMANDS` (each is its command's `name()`). */
export const COMMAND_NAMES: readonly string[] = ENTRIES.map((e) => e.name);

/** Every command of the program, in the order `--help` lists them; adding one is one line in `ENTRIES`. */
export const COMMANDS: readonly CommandFactory[] = ENTRIES.map((e) => (io: CliIo, setExit: (code: number) => void) => e.load()(io, setExit));

/** The version of the installed package (read from its package.json, found upwards from this file). */
export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === PROGRAM_NAME && typeof pkg.version === 'string') return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

/**
 * Routes a command's (and its subcommands') help and error output through `io`, and makes commander throw instead
 * of calling `process.exit`. Errors read `<command path>: <message>`, followed by the command's help.
 */
function configure(cmd: Command, io: CliIo, parents: readonly string[]): void {
  const names = [...parents, cmd.name()];
  cmd.exitOverride();
  cmd.showHelpAfterError(true);
  cmd.configureOutput({
    writeOut: (text) => io.stdout(text),
    writeErr: (text) => io.stderr(text),
    outputError: (text, write) => write(`${names.join(' ')}: ${text.replace(/^error: /, '')}`),
  });
  for (const sub of cmd.commands) configure(sub, io, names);
}

/** The top-level program with every command of `COMMANDS`, or only the command named `only`. */
export function createProgram(io: CliIo, setExit: (code: number) => void, only?: string): Command {
  const program = new Command(PROGRAM_NAME)
    .description('Offline tools for Kubernetes Gateway API manifests (Gateway API v1.6.1): schema and CEL validation, ' +
      'predicted status, and more. Each command reads YAML/JSON files, directories or - (standard input).')
    .version(packageVersion(), '-V, --version', 'print the version of cdk8s-gateway-api')
    .helpOption('-h, --help', 'show help (also: <command> --help)')
    .addHelpText('after', `
Exit status: 0 ok, 1 the command found what it checks for (an invalid manifest, a finding at --fail-on, ...),
2 usage error or unreadable input.

Run "${PROGRAM_NAME} <command> --help" for the options of a command.`);
  ENTRIES.forEach((entry, i) => {
    if (only === undefined || entry.name === only) program.addCommand(COMMANDS[i](io, setExit));
  });
  configure(program, io, []);
  return program;
}

/**
 * Runs the program with `argv` (the arguments after the program name) and resolves to the exit status:
 * the command's own status, 0 for `--help`/`--version`, 2 for a usage error (unknown command or option, a bad option
 * value, a bare run).
 */
export async function runProgram(argv: readonly string[], io: CliIo): Promise<number> {
  let code = EXIT_OK;
  // `<command> ...`: only that command is built (its options, help and errors are the same); anything else (no
  // command, --help, --version, help, a typo) gets every command
  const only = argv.length > 0 && COMMAND_NAMES.includes(argv[0]) ? argv[0] : undefined;
  const program = createProgram(io, (c) => { code = c; }, only);
  if (argv.length === 0) {
    const names = program.commands.map((c) => `"${c.name()}"`);
    io.stderr(`${PROGRAM_NAME}: missing command: use ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}\n\n`);
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
    // 'commander.help': `help` without a command (exit code 0), or a bare run (help on stderr, exit code 1)
    if (e.code === 'commander.help' && e.exitCode === 0) return EXIT_OK;
    return EXIT_USAGE;
  }
  return code;
}
