/**
 * Regular expressions with RE2 semantics (what the API server uses for `pattern` and CEL `matches()`).
 *
 * RE2 (@bufbuild/re2) is exact but slow in JavaScript. Patterns written in a subset where JavaScript (with the `u`
 * flag) and RE2 agree on every input — literals, escaped punctuation, character classes, groups, alternation,
 * anchors, quantifiers, `\d` and `\w` — run as native regular expressions; anything else (`.`, `\s`, `\b`, inline
 * flags like `(?i)`, POSIX classes, `\pL`, `\z`, ...) runs on RE2.
 */
import type { RE2JS } from '@bufbuild/re2';

export interface Matcher {
  test(s: string): boolean;
}

/** Is `pattern` in the subset where JavaScript `u` regular expressions and RE2 match identically? */
export function isPortablePattern(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return false;
      // escaped punctuation is a literal in both; \d and \w are ASCII in both; other letters differ or are unknown
      if (/[A-Za-z0-9]/.test(n) && n !== 'd' && n !== 'w' && n !== 'D' && n !== 'W') {
        // \xHH is the same in both
        if (n === 'x' && /^[0-9A-Fa-f]{2}$/.test(pattern.slice(i + 2, i + 4))) {
          i += 3;
          continue;
        }
        return false;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') return false; // POSIX class
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // a leading ] is a literal in RE2 but closes the class in JavaScript
      if (pattern[i + 1] === ']' || (pattern[i + 1] === '^' && pattern[i + 2] === ']')) return false;
      continue;
    }
    if (c === '.') return false; // JavaScript's . excludes \r, \u2028 and \u2029, RE2's only \n
    if (c === '(' && pattern[i + 1] === '?' && pattern[i + 2] !== ':') return false; // flags, named groups, lookarounds
    if (c === '{' && !/^\{\d+(,\d*)?\}/.test(pattern.slice(i))) return false; // a literal { in RE2, an error in JS u-mode
  }
  return !inClass;
}

/** A matcher with RE2 semantics for `pattern` (unanchored search, like Go's MatchString). */
export function compilePattern(pattern: string): Matcher {
  if (isPortablePattern(pattern)) {
    try {
      return new RegExp(pattern, 'u');
    } catch {
      // not valid in JavaScript after all: RE2 decides
    }
  }
  // loaded for the first pattern that needs it (the Gateway API CRDs' own patterns run natively)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const re2 = (require('@bufbuild/re2') as { RE2JS: typeof RE2JS }).RE2JS.compile(pattern);
  return { test: (s: string) => re2.test(s) };
}

const CACHED = new Map<string, Matcher>();

/** `compilePattern`, once per pattern per process (CEL `matches()` and its JavaScript fast path share it). */
export function cachedPattern(pattern: string): Matcher {
  let m = CACHED.get(pattern);
  if (!m) {
    m = compilePattern(pattern);
    CACHED.set(pattern, m);
  }
  return m;
}
