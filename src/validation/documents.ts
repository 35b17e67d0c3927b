/**
 * Reading manifests from files (YAML with several documents, or JSON) and validating each document, for the CLI
 * and the cdk8s validation plugin. Bad input never throws: every problem becomes a report that names the file
 * and the document index, and the other documents are still checked.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Progress } from './progress';
import { ValidationError } from './types';
import { GatewayApiValidator } from './validator';
import { ParsedDocument, parseYaml } from './yaml';

export type { ParsedDocument } from './yaml';

/** Files larger than this are not read. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The outcome for one document of one file. */
export interface DocumentReport {
  readonly file: string;
  /** 0-based index of the document in the file (0 for problems with the whole file). */
  readonly index: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly valid: boolean;
  /** Not validated: not a Gateway API object, or an empty trailing document. */
  readonly skipped: boolean;
  /** Why the document was skipped. */
  readonly skipReason?: string;
  readonly errors: ValidationError[];
  readonly warnings: string[];
  /** True when the file itself could not be read (missing, unreadable, too large). */
  readonly unreadable?: boolean;
}

function fileError(file: string, message: string, unreadable: boolean): DocumentReport {
  return { file, index: 0, valid: false, skipped: false, errors: [{ path: '', message }], warnings: [], unreadable };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function parseJson(text: string): ParsedDocument[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return [{ index: 0, error: `malformed JSON: ${errorText(e)}` }];
  }
  if (Array.isArray(value)) return value.map((v, index) => ({ index, value: v }));
  return [{ index: 0, value }];
}

/** The documents of `text`: JSON when `file` ends with `.json`, else YAML. Throws only for pathological input. */
function parseAny(text: string, file: string): ParsedDocument[] {
  return file.toLowerCase().endsWith('.json') ? parseJson(text) : parseYaml(text);
}

/**
 * The documents of `text`: YAML with several documents, or JSON (an object or an array of objects) when `file`
 * ends with `.json`. Never throws: a malformed document (or file) carries an `error`.
 */
export function parseDocuments(text: string, file: string): ParsedDocument[] {
  try {
    return parseAny(text, file);
  } catch (e) {
    const reason = e instanceof RangeError ? 'it is nested too deeply' : errorText(e);
    return [{ index: 0, error: `the file could not be parsed: ${reason}` }];
  }
}

/**
 * Validates the documents of `text` (YAML, or JSON when `file` ends with `.json`). Empty documents after the
 * last manifest (a trailing `---`, as many files have) are skipped; other empty documents are errors, as is
 * text with no document at all.
 */
export function validateText(text: string, file: string, validator: GatewayApiValidator, progress: Progress = Progress.NONE): DocumentReport[] {
  let docs: ParsedDocument[];
  try {
    docs = parseAny(text, file);
  } catch (e) {
    // e.g. a stack overflow on absurdly nested flow collections
    const reason = e instanceof RangeError ? 'it is nested too deeply' : errorText(e);
    return [fileError(file, `the file could not be parsed: ${reason}`, false)];
  }
  const lastContent = docs.reduce((last, d) => (d.empty ? last : d.index), -1);
  if (lastContent < 0) {
    return [fileError(file, 'the file contains no manifest (it is empty or only has comments and --- separators)', false)];
  }
  const reports: DocumentReport[] = [];
  for (const doc of docs) {
    progress.objectsDone();
    if (doc.empty) {
      if (doc.index > lastContent) {
        reports.push({ file, index: doc.index, valid: true, skipped: true, skipReason: 'empty document after the last manifest', errors: [], warnings: [] });
      } else {
        reports.push({
          file,
          index: doc.index,
          valid: false,
          skipped: false,
          warnings: [],
          errors: [{ path: '', message: 'empty document (only a --- separator, comments or whitespace): remove it or add the manifest' }],
        });
      }
      continue;
    }
    if (doc.error !== undefined) {
      reports.push({ file, index: doc.index, valid: false, skipped: false, errors: [{ path: '', message: doc.error }], warnings: [] });
      continue;
    }
    let result;
    try {
      result = validator.validate(doc.value);
    } catch (e) {
      reports.push({ file, index: doc.index, valid: false, skipped: false, errors: [{ path: '', message: `the document could not be validated: ${errorText(e)}` }], warnings: [] });
      continue;
    }
    reports.push({
      file,
      index: doc.index,
      apiVersion: result.apiVersion,
      kind: result.kind,
      namespace: result.namespace,
      name: result.name,
      valid: result.valid,
      skipped: result.skipped,
      skipReason: result.skipped ? 'not a Gateway API object' : undefined,
      errors: result.errors,
      warnings: result.warnings,
    });
  }
  return reports;
}

/** Reads and validates one file; `progress` counts its documents and the file. */
export function validateFile(file: string, validator: GatewayApiValidator, progress: Progress = Progress.NONE): DocumentReport[] {
  const reports = readAndValidate(file, validator, progress);
  progress.fileDone();
  return reports;
}

function readAndValidate(file: string, validator: GatewayApiValidator, progress: Progress): DocumentReport[] {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return [fileError(file, 'not a regular file', true)];
    if (stat.size > MAX_FILE_BYTES) {
      return [fileError(file, `the file is ${stat.size} bytes, larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; split it into smaller files`, true)];
    }
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : errorText(e);
    return [fileError(file, `cannot read the file: ${reason}`, true)];
  }
  return validateText(text, file, validator, progress);
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * The files to validate for the given paths: files as given, directories searched recursively for .yaml, .yml
 * and .json files (sorted). Paths that do not exist are returned too, so that reading them reports the problem.
 */
export function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      out.push(dir);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) out.push(full);
    }
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = fs.statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) walk(p);
    else out.push(p);
  }
  return out;
}
