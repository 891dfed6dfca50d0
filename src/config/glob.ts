/**
 * Path globs for the config file (ignore and suppression patterns), matched against `/`-separated paths relative to
 * the config file's folder. The syntax is the familiar subset: `*` (within one path segment), `**` (any number of
 * segments), `?`, `[abc]` / `[!abc]`, `{a,b}`. Like .gitignore, a pattern without a `/` matches a name at any depth,
 * and a pattern matching a folder matches everything under it.
 */

export interface GlobMatcher {
  pattern: string;
  matches(path: string): boolean;
}

function escapeRegExp(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

/** Translates the body of a glob to a regular expression source (no anchors). */
function translate(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
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
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        if (negate) out = out.slice(0, -1) + '/]'; // a negated class never matches the separator
        i = close;
      }
    } else if (ch === '{') {
      braces++;
      out += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (ch === ',' && braces > 0) out += '|';
    else if (ch === '\\' && i + 1 < glob.length) out += escapeRegExp(glob[++i]!);
    else out += escapeRegExp(ch);
  }
  while (braces-- > 0) out += ')';
  return out;
}

export function normalizeGlobPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

export function compileGlob(pattern: string): GlobMatcher {
  let body = normalizeGlobPath(pattern.trim());
  if (body.endsWith('/')) body = body.replace(/\/+$/, '') + '/**';
  const anchored = body.startsWith('/');
  if (anchored) body = body.replace(/^\/+/, '');
  // A pattern with no slash (apart from a trailing one) is a name that may appear at any depth.
  if (!anchored && !body.replace(/\/\*\*$/, '').includes('/')) body = `**/${body}`;
  const regex = new RegExp(`^${translate(body)}$`);
  return {
    pattern,
    matches(path: string): boolean {
      const normal = normalizeGlobPath(path);
      if (regex.test(normal)) return true;
      // A pattern naming a folder covers what is inside it.
      const parts = normal.split('/');
      for (let n = parts.length - 1; n > 0; n--) if (regex.test(parts.slice(0, n).join('/'))) return true;
      return false;
    },
  };
}
