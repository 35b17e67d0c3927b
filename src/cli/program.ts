/**
 * The top-level `cdk8s-gateway-api` program: one commander program with every command, free of process globals so
 * that it runs in-process (tests) as well as from `main.ts`.
 *
 * A command lives in its own file and exports `create<Name>Command(io, setExit)`; adding one is one line in `COMMANDS`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import { createAnalyzeCommand } from './analyze';
import { createFeaturesCommand } from './features';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { createMigrateCommand } from './migrate';
import { createReportCommand } from './report';
import { createRouteCommand } from './route';
import { createValidateCommand } from './validate';

/** The program name, as installed by the package's `bin`. */
export const PROGRAM_NAME = 'cdk8s-gateway-api';

/** Builds one command; its action reports its exit status through `setExit`. */
export type CommandFactory = (io: CliIo, setExit: (code: number) => void) => Command;

/** Every command of the program, in the order `--help` lists them. */
export const COMMANDS: readonly CommandFactory[] = [
  createValidateCommand,
  createAnalyzeCommand,
  createRouteCommand,
  createFeaturesCommand,
  createReportCommand,
  createMigrateCommand,
];

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

/** The top-level program with every command of `COMMANDS`. */
export function createProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command(PROGRAM_NAME)
    .description('Offline tools for Kubernetes Gateway API manifests (Gateway API v1.6.1): schema and CEL validation, ' +
      'predicted status, and more. Each command reads YAML/JSON files, directories or - (standard input).')
    .version(packageVersion(), '-V, --version', 'print the version of cdk8s-gateway-api')
    .helpOption('-h, --help', 'show help (also: <command> --help)')
    .addHelpText('after', `
Exit status: 0 ok, 1 the command found what it checks for (an invalid manifest, a finding at --fail-on, ...),
2 usage error or unreadable input.

Run "${PROGRAM_NAME} <command> --help" for the options of a command.`);
  for (const factory of COMMANDS) program.addCommand(factory(io, setExit));
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
  const program = createProgram(io, (c) => { code = c; });
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
