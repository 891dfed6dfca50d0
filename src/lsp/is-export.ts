/**
 * Which open documents the server lints: exports, which state schemaVersion at their top level. Other YAML and JSON
 * files (pipelines, compose files, package.json) are left alone, without diagnostics. Decided on the text, so a
 * document that does not parse while being typed is still known for an export.
 */

/** YAML: a schemaVersion key at column 0. JSON: a "schemaVersion" key one level inside the outer braces. */
export function isExportText(text: string, languageOrPath: string): boolean {
  if (/json$/i.test(languageOrPath) || /^\s*[{[]/.test(text)) return jsonTopLevelHasKey(text, 'schemaVersion');
  return /^(?:schemaVersion|"schemaVersion"|'schemaVersion')[ \t]*:/m.test(text);
}

/** Scans the JSON text with its nesting depth, strings skipped, for the key at depth 1. */
function jsonTopLevelHasKey(text: string, key: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && text.slice(i + 1, j) === key && /^\s*:/.test(text.slice(j + 1, j + 40))) return true;
      i = j;
    }
  }
  return false;
}
