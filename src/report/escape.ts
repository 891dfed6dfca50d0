/**
 * Values from an export are data. Before a message reaches a terminal, control characters (escape sequences, carriage
 * returns, bidirectional overrides) are shown as visible escapes so an export cannot repaint or hide report lines.
 */
// C0 controls except tab, DEL, C1 controls, and Unicode bidi/format characters that reorder or hide text.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\u001b') return '\\e';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * The same for text of several lines that cmlint lays out itself (a rule's documentation, commander's usage errors):
 * its line feeds stay line feeds, everything else unsafe in each line is escaped.
 */
export function escapeControlLines(text: string): string {
  return text.split('\n').map(escapeControl).join('\n');
}

/**
 * JSON.stringify escapes C0 controls, quotes and lone surrogates; DEL, C1 controls (0x9b is a terminal's CSI),
 * line separators and bidirectional or invisible format characters are valid JSON as they are, but not safe to `cat`.
 * They can only occur inside strings, so writing them as \u escapes keeps the JSON equal and inert in a terminal.
 */
const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** JSON.stringify output made inert for a terminal; it parses to the same value. */
export function inertJson(json: string): string {
  return json.replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
