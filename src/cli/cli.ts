/**
 * The `cdk8s-gateway-api` command, run in-process: `runCli(argv, io)` parses `argv` with the program of
 * `program.ts` (every command: validate, analyze, ...) and resolves to the exit status. `main.ts` wires it to the
 * real process.
 */
export type { CliIo } from './io';
export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
export { runProgram as runCli, createProgram, COMMANDS, PROGRAM_NAME } from './program';
