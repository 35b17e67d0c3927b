/**
 * `cdk8s-gateway-api validate`: validates Gateway API manifests in YAML/JSON files offline (OpenAPI schema, CRD
 * defaults and CEL rules of the Gateway API CRDs). Not part of the jsii API.
 */
import * as fs from 'fs';
import { Command, Option } from 'commander';
import { stdinReader } from './input';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { BUNDLE_VERSION } from '../validation/bundle';
import { collectFiles, DocumentReport, parseDocuments, validateFile, validateText } from '../validation/documents';
import { Progress } from '../validation/progress';
import { ValidationChannel } from '../validation/types';
import { GatewayApiValidator } from '../validation/validator';

interface ValidateOptions {
  readonly channel: 'standard' | 'experimental';
  readonly output: 'text' | 'json';
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
    ...(r.skipped && r.skipReason ? { skipReason: r.skipReason } : {}),
    errors: r.errors.map((e) => ({ path: e.path, message: e.message })),
  })), null, 2) + '\n';
}

/** Why a file that holds no Kubernetes object is skipped. */
export const NOT_A_MANIFEST = 'not a Kubernetes manifest: no document has apiVersion, kind or metadata ' +
  '(e.g. the construct-metadata.json that cdk8s writes next to the manifests)';

/** Does this report say only that the document has neither apiVersion nor kind? */
function lacksApiVersionAndKind(r: DocumentReport): boolean {
  const paths = new Set(r.errors.map((e) => e.path));
  return !r.valid && !r.skipped && !r.unreadable && paths.has('apiVersion') && paths.has('kind');
}

/** Is `value` a mapping with none of the fields every Kubernetes object has? */
function isNonObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return !('apiVersion' in value) && !('kind' in value) && !('metadata' in value);
}

/**
 * The reports of one file, with a file that holds no Kubernetes object at all (JSON or YAML mappings without
 * apiVersion, kind and metadata, such as cdk8s's construct-metadata.json) turned into one skipped report. A file
 * that mixes manifests with such documents keeps its errors: there, a missing apiVersion/kind is a mistake.
 */
function skipNonManifestFile(file: string, reports: DocumentReport[], text: () => string | undefined): DocumentReport[] {
  const content = reports.filter((r) => !(r.skipped && r.valid));
  // cheap test first: only a file whose every document lacks apiVersion and kind is parsed a second time
  if (content.length === 0 || !content.every(lacksApiVersionAndKind)) return reports;
  const source = text();
  if (source === undefined) return reports;
  const docs = parseDocuments(source, file).filter((d) => !d.empty);
  if (docs.length === 0 || !docs.every((d) => d.error === undefined && isNonObject(d.value))) return reports;
  return [{ file, index: 0, valid: true, skipped: true, skipReason: NOT_A_MANIFEST, errors: [], warnings: [] }];
}

/** Runs the validation of `paths` and writes the report; returns the exit status. */
function runValidate(paths: readonly string[], options: ValidateOptions, io: CliIo): number {
  const channel = options.channel === 'experimental' ? ValidationChannel.EXPERIMENTAL : ValidationChannel.STANDARD;
  const validator = new GatewayApiValidator({ channel });
  const reports: DocumentReport[] = [];
  const stdin = stdinReader(io);
  const files = paths.map((p) => (p === '-' ? [p] : collectFiles([p])));
  // files and objects done and the rate, on stderr, only when it is a terminal and the run takes over a second
  const progress = new Progress({ write: (text) => io.stderr(text), isTTY: io.stderrIsTTY === true, totalFiles: files.flat().length, verb: 'validating' });
  for (const [i, p] of paths.entries()) {
    if (p === '-') {
      let text: string | undefined;
      try {
        text = stdin();
      } catch (e) {
        reports.push({ file: '<stdin>', index: 0, valid: false, skipped: false, unreadable: true, warnings: [], errors: [{ path: '', message: (e as Error).message }] });
        continue;
      }
      const source = text;
      if (source !== undefined) reports.push(...skipNonManifestFile('<stdin>', validateText(source, '<stdin>', validator, progress), () => source));
      progress.fileDone();
      continue;
    }
    for (const file of files[i]) {
      reports.push(...skipNonManifestFile(file, validateFile(file, validator, progress), () => {
        try {
          return fs.readFileSync(file, 'utf-8');
        } catch {
          return undefined;
        }
      }));
    }
  }
  progress.done();
  io.stdout(options.output === 'json' ? formatJson(reports) : formatText(reports, channel));
  if (reports.some((r) => r.unreadable)) return EXIT_USAGE;
  return reports.some((r) => !r.valid) ? EXIT_FINDINGS : EXIT_OK;
}

/** The `validate` command. */
export function createValidateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('validate')
    .summary('validate Gateway API manifests offline: schema, defaults and CEL rules of the CRDs')
    .description(`Validates Gateway API manifests offline, against the Gateway API ${BUNDLE_VERSION} CRDs, like the API server does: OpenAPI schema (types, required fields, enums, patterns, limits, unknown fields), CRD defaults, and every x-kubernetes-validations CEL rule with the CRD's own message.

Files may hold several YAML documents (---) or JSON (an object or an array of objects). Directories are searched recursively for .yaml, .yml and .json files; '-' reads standard input. Objects of other API groups are skipped.`)
    .argument('[paths...]', 'files, directories, or - for standard input')
    .addOption(new Option('-c, --channel <channel>', 'the Gateway API release channel of your cluster\'s CRDs')
      .choices(['standard', 'experimental']).default('standard'))
    .addOption(new Option('-o, --output <format>', 'text, or json (one array of { file, index, apiVersion, kind, namespace, ' +
      'name, valid, skipped, errors: [{ path, message }] })').choices(['text', 'json']).default('text'))
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', `
Exit status: 0 when every manifest is valid, 1 when at least one is invalid, 2 on a usage error or when an
input cannot be read.`)
    .action(function (this: Command, paths: string[], options: ValidateOptions) {
      if (paths.length === 0) this.error('no file or directory to validate', { exitCode: EXIT_USAGE, code: 'cdk8s-gateway-api.usage' });
      setExit(runValidate(paths, options, io));
    });
}
