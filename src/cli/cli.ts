/**
 * The `cdk8s-gateway-api` command:
 * - `validate`: validates Gateway API manifests in YAML/JSON files offline (schema + CEL rules);
 * - `analyze`: predicts the status a conformant controller would write (see analyze.ts).
 *
 * The logic is here, free of process globals, so that it can be tested in-process; `main.ts` wires it to the
 * real process.
 */
import { runAnalyzeCli } from './analyze';
import { CliIo } from './io';
import { BUNDLE_VERSION } from '../validation/bundle';
import { collectFiles, DocumentReport, validateFile, validateText } from '../validation/documents';
import { ValidationChannel } from '../validation/types';
import { GatewayApiValidator } from '../validation/validator';

export type { CliIo } from './io';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: cdk8s-gateway-api validate [--channel standard|experimental] [--output text|json] <file|dir|->...
       cdk8s-gateway-api analyze [--output yaml|json|table] [--fail-on error|warning|none] <file|dir>...
       (cdk8s-gateway-api analyze --help for its options)

Validates Gateway API manifests offline, against the Gateway API ${BUNDLE_VERSION} CRDs, like the API server
does: OpenAPI schema (types, required fields, enums, patterns, limits, unknown fields), CRD defaults, and every
x-kubernetes-validations CEL rule with the CRD's own message.

Files may hold several YAML documents (---) or JSON (an object or an array of objects). Directories are searched
recursively for .yaml, .yml and .json files; '-' reads standard input. Objects of other API groups are skipped.

Options:
  -c, --channel <channel>  the Gateway API release channel of your cluster's CRDs: standard (default) or
                           experimental
  -o, --output <format>    text (default) or json (one array of
                           { file, index, apiVersion, kind, namespace, name, valid, skipped, errors: [{ path, message }] })
  -h, --help               show this help

Exit status: 0 when every manifest is valid, 1 when at least one is invalid, 2 on a usage error or when an
input cannot be read.
`;

interface Options {
  readonly channel: ValidationChannel;
  readonly output: 'text' | 'json';
  readonly paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options | 'help' {
  if (argv.length === 0) throw new UsageError('missing command: use "validate"');
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return 'help';
  if (command !== 'validate') throw new UsageError(`unknown command "${command}": use "validate" or "analyze"`);
  let channel = ValidationChannel.STANDARD;
  let output: 'text' | 'json' = 'text';
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = rest[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`option ${name} needs a value`);
      i++;
      return next;
    };
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '-c':
      case '--channel': {
        const v = value();
        if (v !== 'standard' && v !== 'experimental') {
          throw new UsageError(`invalid --channel "${v}": use standard or experimental`);
        }
        channel = v === 'standard' ? ValidationChannel.STANDARD : ValidationChannel.EXPERIMENTAL;
        break;
      }
      case '-o':
      case '--output': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new UsageError(`invalid --output "${v}": use text or json`);
        output = v;
        break;
      }
      case '--':
        paths.push(...rest.slice(i + 1));
        i = rest.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
        paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('no file or directory to validate');
  return { channel, output, paths };
}

function describeObject(r: DocumentReport): string {
  if (r.kind === undefined && r.apiVersion === undefined) return '';
  const name = r.name === undefined ? '' : ` ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
  return ` ${r.kind ?? '?'}${name}`;
}

function formatText(reports: readonly DocumentReport[], channel: ValidationChannel): string {
  const lines: string[] = [];
  let valid = 0;
  let invalid = 0;
  let skipped = 0;
  for (const r of reports) {
    const where = `${r.file}#${r.index}${describeObject(r)}`;
    if (r.skipped) {
      skipped++;
      lines.push(`${where}: skipped (${r.skipReason ?? 'not validated'})`);
    } else if (r.valid) {
      valid++;
      lines.push(`${where}: valid`);
    } else {
      invalid++;
      lines.push(`${where}: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`);
      for (const e of r.errors) lines.push(`  ${e.path ? `${e.path}: ` : ''}${e.message}`);
    }
    for (const w of r.warnings) lines.push(`  warning: ${w}`);
  }
  lines.push(`${reports.length} document${reports.length === 1 ? '' : 's'}: ${valid} valid, ${invalid} invalid, ${skipped} skipped ` +
    `(Gateway API ${BUNDLE_VERSION}, ${channel} channel)`);
  return lines.join('\n') + '\n';
}

function formatJson(reports: readonly DocumentReport[]): string {
  return JSON.stringify(reports.map((r) => ({
    file: r.file,
    index: r.index,
    apiVersion: r.apiVersion ?? null,
    kind: r.kind ?? null,
    namespace: r.namespace ?? null,
    name: r.name ?? null,
    valid: r.valid,
    skipped: r.skipped,
    errors: r.errors.map((e) => ({ path: e.path, message: e.message })),
  })), null, 2) + '\n';
}

/** Runs the CLI with `argv` (the arguments after the program name); returns the exit status. */
export function runCli(argv: readonly string[], io: CliIo): number {
  if (argv[0] === 'analyze') return runAnalyzeCli(argv.slice(1), io);
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`cdk8s-gateway-api: ${e.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (options === 'help') {
    io.stdout(USAGE);
    return EXIT_VALID;
  }
  const validator = new GatewayApiValidator({ channel: options.channel });
  const reports: DocumentReport[] = [];
  let stdinRead = false;
  for (const p of options.paths) {
    if (p === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      let text: string;
      try {
        text = io.readStdin ? io.readStdin() : '';
      } catch (e) {
        reports.push({ file: '<stdin>', index: 0, valid: false, skipped: false, unreadable: true, warnings: [], errors: [{ path: '', message: `cannot read standard input: ${e instanceof Error ? e.message : String(e)}` }] });
        continue;
      }
      reports.push(...validateText(text, '<stdin>', validator));
      continue;
    }
    for (const file of collectFiles([p])) reports.push(...validateFile(file, validator));
  }
  io.stdout(options.output === 'json' ? formatJson(reports) : formatText(reports, options.channel));
  if (reports.some((r) => r.unreadable)) return EXIT_USAGE;
  return reports.some((r) => !r.valid) ? EXIT_INVALID : EXIT_VALID;
}
