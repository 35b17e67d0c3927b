/**
 * What every `cdk8s-gateway-api` command reads and writes through, free of process globals so that commands can be
 * tested in-process. `main.ts` wires it to the real process.
 */

/** Where a command writes and reads. */
export interface CliIo {
  /** Whether standard error is a terminal: long runs then show their progress there. @default false */
  readonly stderrIsTTY?: boolean;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads standard input (for the `-` argument). */
  readStdin?(): string;
  /** Reads a file (defaults to `fs.readFileSync(file, 'utf8')`). */
  readFile?(file: string): string;
}

/** The command ran; for `validate`: every manifest is valid. */
export const EXIT_OK = 0;
/** The command found what it checks for (an invalid manifest, a finding at `--fail-on`, a missing feature, …). */
export const EXIT_FINDINGS = 1;
/** A usage error, or an input that cannot be read. */
export const EXIT_USAGE = 2;
