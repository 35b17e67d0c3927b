/**
 * Multi-document YAML, read two ways that give the same documents:
 * - the precise path (`yaml`, the YAML 1.2 core schema): exact line and column in every error, per-document errors
 *   (the other documents of the file are still read), the alias-count limit against alias bombs;
 * - the fast path (`js-yaml`, about 10× faster on large files), with a schema that resolves plain scalars exactly
 *   as the precise path does (null, bool, int with 0o/0x, float with .inf/.nan; no timestamps, no merge keys, no
 *   binary), used only when it cannot differ: the file has no directive (`%YAML 1.1` changes the schema), anchor,
 *   tag, complex (`?`) key, null or empty key (`~:`, `: x`) or explicit null document, and js-yaml reads it without
 *   error. Otherwise (any error, too deep, anything unusual), the whole file is read on the precise path, so errors
 *   and their positions are those of the precise parser.
 * `test/validation/yaml.test.ts` checks both paths over a generated corpus of well-formed and malformed files.
 */
import type * as JsYamlModule from 'js-yaml';
import type * as YamlModule from 'yaml';

/** One document of a manifest file, parsed. */
export interface ParsedDocument {
  readonly index: number;
  readonly value?: unknown;
  readonly error?: string;
  readonly empty?: boolean;
}

/** At most this many alias nodes are resolved per document on the precise path (alias bombs). */
export const MAX_ALIAS_COUNT = 100;

/** Is the source of a YAML document only separators, comments and whitespace? */
function isBlank(source: string): boolean {
  return source.split(/\r?\n/).every((line) => {
    const t = line.trim();
    return t === '' || t.startsWith('#') || t === '---' || t === '...';
  });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The first line of a YAML error (the rest is a source excerpt), with its position in the file: the parser gives it
 * in the message for most errors, and only as an offset (`pos`) for some (e.g. an invalid escape sequence).
 */
function yamlErrorText(e: { message: string; pos?: [number, number] }, text: string): string {
  const first = e.message.split('\n')[0].replace(/:$/, '')
    .replace(/^Maximum call stack size exceeded/, 'nested too deeply to parse');
  if (/ at line \d+, column \d+$/.test(first) || !e.pos) return first;
  const offset = Math.min(e.pos[0], text.length);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  const column = offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
  return `${first} at line ${line}, column ${column}`;
}

/**
 * The documents of `text` with the precise parser (`yaml`). Throws only for pathological input (e.g. a stack
 * overflow on absurdly nested flow collections).
 */
export function parseYamlPrecise(text: string): ParsedDocument[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML: typeof YamlModule = require('yaml'); // loaded on first use: importing the package stays fast
  const docs = YAML.parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: ParsedDocument[] = [];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      out.push({ index, error: `malformed YAML: ${yamlErrorText(doc.errors[0], text)}` });
      return;
    }
    const range = doc.range ?? [0, 0, 0];
    if (isBlank(text.slice(range[0], range[2]))) {
      out.push({ index, empty: true });
      return;
    }
    try {
      out.push({ index, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
    } catch (e) {
      out.push({ index, error: `malformed YAML: ${errorText(e)}` });
    }
  });
  return out;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** Does the character code separate YAML tokens (line break, blank, flow indicator)? */
function isSeparator(c: number): boolean {
  return c === LF || c === SPACE || c === TAB || c === CR || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2c;
}

/**
 * Whether the fast path could differ from the precise one on `text` (a false alarm only costs time), in one scan:
 * - a directive (`%YAML 1.1` switches the precise parser to YAML 1.1 scalars);
 * - an anchor (`&a`): aliases are resolved by reference on the fast path, without the alias-count limit;
 * - a tag (`!x`, `!!str`): the two parsers know different tags;
 * - a complex key (`? `, `[a]: b`): the two parsers turn collection keys into strings differently;
 * - an empty, null or spaced key (`: x`, `~: x`, `null: x`, `a : x`): the precise parser names a null key "", js-yaml "null";
 * - a carriage return not followed by a line feed: a line break for js-yaml, not for the precise parser;
 * - a quoted scalar that may span lines (a line with an odd number of `"`, or one that opens a `'` scalar and has an
 *   odd number of `'`): js-yaml accepts continuation lines that the precise parser rejects as under-indented.
 */
export function needsPreciseParser(text: string): boolean {
  const n = text.length;
  const prevAt = (i: number) => (i === 0 ? LF : text.charCodeAt(i - 1));
  const nextAt = (i: number) => (i + 1 < n ? text.charCodeAt(i + 1) : LF);
  // one indexOf scan per character of interest: far faster than a regular expression or a loop over every character
  const any = (ch: string, found: (i: number) => boolean): boolean => {
    for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) if (found(i)) return true;
    return false;
  };
  const blank = (c: number) => c === SPACE || c === TAB || c === LF || c === CR;
  /**
   * A test for `any(quote, …)`: the line of the quote has an odd number of them (not counting `\"`), and, with
   * `opensOnly`, one of them follows a separator (opens a scalar). Each line is counted once, from its first quote.
   */
  const oddQuotesOnLine = (quote: string, opensOnly: boolean) => {
    let checkedTo = -1;
    return (i: number): boolean => {
      if (i < checkedTo) return false;
      const end = text.indexOf('\n', i);
      checkedTo = end === -1 ? n : end;
      let count = 0;
      let opens = false;
      for (let j = i; j !== -1 && j < checkedTo; j = text.indexOf(quote, j + 1)) {
        if (quote === '"' && text.charCodeAt(j - 1) === 0x5c) continue;
        count++;
        if (isSeparator(prevAt(j))) opens = true;
      }
      return count % 2 === 1 && (!opensOnly || opens);
    };
  };
  return any('%', (i) => prevAt(i) === LF)
    || any('\r', (i) => nextAt(i) !== LF)
    || any('"', oddQuotesOnLine('"', false))
    || any("'", oddQuotesOnLine("'", true))
    || any('&', (i) => isSeparator(prevAt(i)))
    || any('!', (i) => isSeparator(prevAt(i)) && nextAt(i) !== 0x3d)
    || any('?', (i) => isSeparator(prevAt(i)) && blank(nextAt(i)))
    || any(':', (i) => {
      const prev = prevAt(i);
      if (isSeparator(prev) || prev === 0x7e || prev === 0x3f || prev === 0x2d) return true;
      if (prev !== 0x6c && prev !== 0x4c) return false;
      const word = text.slice(Math.max(0, i - 4), i);
      return word === 'null' || word === 'Null' || word === 'NULL';
    });
}

/** A document that is an explicit null (`null`, `~`, `--- null`): the fast path cannot tell it from an empty one. */
const NULL_DOCUMENT = /^[ \t]*(?:---[ \t]+)?(?:~|null|Null|NULL)[ \t]*(?:#.*)?$/m;

let FAST_SCHEMA: JsYamlModule.Schema | undefined;

/** A js-yaml schema whose plain scalars resolve exactly as in `yaml`'s YAML 1.2 core schema (same tests, same values). */
function fastSchema(jsyaml: typeof JsYamlModule): JsYamlModule.Schema {
  if (FAST_SCHEMA) return FAST_SCHEMA;
  const scalar = (tag: string, test: RegExp, construct: (s: string) => unknown) => new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (s: string | null) => test.test(s ?? ''),
    construct: (s: string | null) => construct(s ?? ''),
  });
  FAST_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
    implicit: [
      scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
      scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
      scalar('int', /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, (s) =>
        s.startsWith('0o') ? parseInt(s.substring(2), 8) : s.startsWith('0x') ? parseInt(s.substring(2), 16) : parseInt(s, 10)),
      scalar('float', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/, (s) =>
        /^[-+]?\.(?:inf|Inf|INF)$/.test(s) ? (s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)
          : /^\.(?:nan|NaN|NAN)$/.test(s) ? NaN : parseFloat(s)),
    ],
  });
  return FAST_SCHEMA;
}

/**
 * The documents of `text` with the fast parser, or undefined when the file needs the precise one (see
 * `needsPreciseParser`), has an explicit null document, or js-yaml finds an error or overflows the stack.
 */
export function parseYamlFast(text: string): ParsedDocument[] | undefined {
  if (needsPreciseParser(text)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jsyaml: typeof JsYamlModule = require('js-yaml');
  let values: unknown[];
  try {
    values = jsyaml.loadAll(text, undefined, { schema: fastSchema(jsyaml) });
  } catch {
    return undefined;
  }
  const out: ParsedDocument[] = [];
  let nulls = false;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null || value === undefined) {
      nulls = true;
      out.push({ index, empty: true });
    } else {
      out.push({ index, value });
    }
  }
  if (nulls && NULL_DOCUMENT.test(text)) return undefined;
  // a file of only comments is one empty document for js-yaml and none for the precise parser
  if (out.every((d) => d.empty)) return undefined;
  return out;
}

/** The documents of `text`: the fast path when it gives the same result, else the precise path. */
export function parseYaml(text: string): ParsedDocument[] {
  return parseYamlFast(text) ?? parseYamlPrecise(text);
}
