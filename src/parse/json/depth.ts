/**
 * Deepest nesting of a JSON text, counting brackets outside strings and comments (comments are errors in an export,
 * but the parser still skips them). jsonc-parser recurses once per level, so measuring first turns a hostile file
 * into a finding instead of a stack overflow. YAML is measured by its own tokeniser instead (yaml/precise.ts).
 */
export function maxJsonDepth(text: string, stopAt: number): { depth: number; offset: number } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92)
        i++; // backslash escape
      else if (ch === 34 || ch === 10 || ch === 13) inString = false; // a string never spans lines in JSON
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 47 && text.charCodeAt(i + 1) === 47) {
      // Comments are errors in an export, but the parser still skips them as comments: so must this scan.
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (ch === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (ch === 91 || ch === 123) {
      depth++;
      if (depth > stopAt) return { depth, offset: i };
    } else if (ch === 93 || ch === 125) depth = Math.max(0, depth - 1);
  }
  return { depth, offset: -1 };
}
