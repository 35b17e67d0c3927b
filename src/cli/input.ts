/**
 * The manifest inputs of the commands that read whole object sets (`analyze`, `route`, `features`, `report`, …):
 * files, directories (searched recursively for .yaml, .yml and .json) and `-` for standard input. List kinds and
 * JSON arrays are flattened into their items.
 */
import * as fs from 'fs';
import { CliIo } from './io';
import { collectFiles, parseDocuments } from '../validation/documents';

/** Raised when an input cannot be read or parsed; the message names the file (and document). */
export class InputError extends Error {}

function flatten(doc: any, out: any[]): void {
  if (doc === null || doc === undefined) return;
  if (Array.isArray(doc)) {
    for (const d of doc) flatten(d, out);
  } else if (typeof doc === 'object' && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
    for (const d of doc.items) flatten(d, out);
  } else if (typeof doc === 'object') {
    out.push(doc);
  }
}

/** The manifests of one file's text (List kinds and JSON arrays flattened); throws on a malformed document. */
export function parseManifestText(text: string, file: string): any[] {
  const out: any[] = [];
  for (const doc of parseDocuments(text, file)) {
    if (doc.error !== undefined) throw new InputError(`cannot read ${file}: document ${doc.index}: ${doc.error}`);
    flatten(doc.value, out);
  }
  return out;
}

/**
 * Every manifest of `inputs` (files, directories, `-`), in input order. Throws an `InputError` naming the file when
 * one cannot be read or parsed: the commands turn it into exit status 2, with no partial output.
 */
export function readManifests(inputs: readonly string[], io: CliIo): any[] {
  const read = io.readFile ?? ((f: string) => fs.readFileSync(f, 'utf8'));
  const stdin = stdinReader(io);
  const objects: any[] = [];
  for (const input of inputs) {
    if (input === '-') {
      const text = stdin();
      if (text !== undefined) objects.push(...parseManifestText(text, '<stdin>'));
      continue;
    }
    let files: string[];
    try {
      files = collectFiles([input]);
    } catch (e) {
      throw new InputError(`cannot read ${input}: ${(e as Error).message}`);
    }
    for (const file of files) {
      let text: string;
      try {
        text = read(file);
      } catch (e) {
        throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
      }
      objects.push(...parseManifestText(text, file));
    }
  }
  return objects;
}

/**
 * Reads standard input for the `-` input: its text on the first call, `undefined` on later ones (a second `-` reads
 * nothing more). Throws an `InputError` when it cannot be read.
 */
export function stdinReader(io: CliIo): () => string | undefined {
  let read = false;
  return () => {
    if (read) return undefined;
    read = true;
    try {
      return io.readStdin ? io.readStdin() : '';
    } catch (e) {
      throw new InputError(`cannot read standard input: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
