/**
 * Path globs for the config file (ignore and suppression patterns), matched against `/`-separated paths relative to
 * the config file's folder. The syntax is the familiar subset: `*` (within one path segment), `**` (any number of
 * segments), `?`, `[abc]` / `[a-z]` / `[!abc]`, `{a,b}`; a backslash makes the next character literal (`\*`, `\[`,
 * `\{`, `\\`), so paths are written with `/` on every system. Like .gitignore, a pattern without a `/` matches a name
 * at any depth, and a pattern matching a folder matches everything under it.
 *
 * A glob is translated to a regular expression and run by RE2 (re2js), which matches in time linear in the path
 * whatever the pattern: a config file arrives in pull requests like any export, and a backtracking engine (JavaScript's
 * own, and picomatch's expressions run on it) takes time exponential in the number of `*` for a pattern such as
 * `*a*a*a*a*a*a*ab`. A pattern that is not a glob (an unclosed `[` or `{`, a stray `}`, a trailing backslash, a range
 * such as `[z-a]`) throws GlobSyntaxError, which the config loader reports at the pattern's line.
 */
import { RE2JS } from 're2js';

export interface GlobMatcher {
  pattern: string;
  matches(path: string): boolean;
}

/** A pattern that is not a glob; the message says what is wrong, for the config file's error line. */
export class GlobSyntaxError extends Error {}

/** Characters with a meaning in RE2 syntax, written literally. */
function literal(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

/** A bracket expression's body (between `[` and `]`) in RE2 syntax; the separator never matches. */
function bracket(body: string, pattern: string): string {
  const negate = body.startsWith('!') || body.startsWith('^');
  const chars = negate ? body.slice(1) : body;
  if (!chars) throw new GlobSyntaxError(`"${pattern}": empty brackets []`);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i + 1 < chars.length) out += literal(chars[++i]!);
    else if (ch === '-' && i > 0 && i < chars.length - 1) out += '-';
    else out += literal(ch);
  }
  return negate ? `[^/${out}]` : `[${out}]`;
}

/** Translates the body of a glob to a regular expression source (no anchors). */
function translate(glob: string, pattern: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '\\') {
      if (i + 1 >= glob.length)
        throw new GlobSyntaxError(`"${pattern}": ends with a backslash (write \\\\ for a backslash)`);
      out += literal(glob[++i]!);
    } else if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const next = glob[i + 2];
        if (atSegmentStart && next === '/') {
          out += '(?:[^/]*/)*'; // `**/`: zero or more whole segments
          i += 2;
        } else if (atSegmentStart && next === undefined) {
          out += '.*'; // trailing `**`: everything below
          i += 1;
        } else {
          out += '[^/]*'; // `**` inside a segment is just `*`
          i += 1;
        }
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      // The first character may be `]` (or `!]`) and is then part of the set.
      let close = i + 1;
      if (glob[close] === '!' || glob[close] === '^') close++;
      if (glob[close] === ']') close++;
      while (close < glob.length && glob[close] !== ']') close += glob[close] === '\\' ? 2 : 1;
      if (close >= glob.length)
        throw new GlobSyntaxError(`"${pattern}": [ without a closing ] (write \\[ for a bracket)`);
      out += bracket(glob.slice(i + 1, close), pattern);
      i = close;
    } else if (ch === '{') {
      braces++;
      out += '(?:';
    } else if (ch === '}') {
      if (braces === 0) throw new GlobSyntaxError(`"${pattern}": } without an opening { (write \\} for a brace)`);
      braces--;
      out += ')';
    } else if (ch === ',' && braces > 0) out += '|';
    else out += literal(ch);
  }
  if (braces > 0) throw new GlobSyntaxError(`"${pattern}": { without a closing } (write \\{ for a brace)`);
  return out;
}

/** A path as globs see it: `/` between segments, no leading `./`. */
export function normalizeGlobPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

export function compileGlob(pattern: string): GlobMatcher {
  // Backslashes are escapes in a pattern, so only the path (not the pattern) has them turned into `/`.
  let body = pattern.trim().replace(/^(\.\/)+/, '');
  if (!body) throw new GlobSyntaxError('an empty pattern matches nothing');
  if (body.endsWith('/')) body = body.replace(/\/+$/, '') + '/**';
  const anchored = body.startsWith('/');
  if (anchored) body = body.replace(/^\/+/, '');
  // A pattern with no slash (apart from a trailing one) is a name that may appear at any depth.
  if (!anchored && !body.replace(/\/\*\*$/, '').includes('/')) body = `**/${body}`;
  // A pattern naming a folder covers what is inside it: the path itself, or the path followed by more segments.
  const source = `^(?:${translate(body, pattern)})(?:/.*)?$`;
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(source, RE2JS.DOTALL);
  } catch (error) {
    throw new GlobSyntaxError(
      `"${pattern}": ${error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error)}`,
    );
  }
  return { pattern, matches: (path: string) => regex.matches(normalizeGlobPath(path)) };
}
