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
