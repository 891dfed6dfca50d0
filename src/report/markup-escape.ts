/**
 * Escaping for every markup and graph language the reports write. Values from an export are data: each function here
 * makes a value safe for exactly one context, so it shows as text there and can never become markup, script, a link
 * or graph syntax. Control and bidirectional characters are first made visible (escapeControl), so a name cannot
 * reorder or hide the text around it either.
 */
import { escapeControl } from './escape.js';

const HTML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For HTML (and SVG) text content and for quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return escapeControl(String(value ?? '')).replace(/[&<>"']/g, (ch) => HTML_TEXT[ch]!);
}

/**
 * An href for a documentation link, or undefined when the URL is not plain https. Only rule files supply links and
 * even they cannot make a `javascript:`, `data:` or relative link.
 */
export function safeHttpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' || url.username || url.password) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * A Graphviz DOT double-quoted string (with the quotes). Backslashes are doubled first so `\n`, `\l` or `\N` in a
 * value stay literal; `&` is written as an entity because Graphviz decodes entities in labels; line breaks that are
 * ours (the `lines` joined) become `\n`.
 */
export function dotString(...lines: unknown[]): string {
  const escaped = lines.map((line) =>
    escapeControl(String(line ?? ''))
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;'),
  );
  return `"${escaped.join('\\n')}"`;
}

const MERMAID_SAFE = /[A-Za-z0-9 .,:/_-]/;

/**
 * A Mermaid label in double quotes. Every character outside a small safe set becomes a decimal entity code
 * (`#60;`), which Mermaid turns into a numeric HTML entity: quotes, brackets, pipes, backticks (markdown strings),
 * `%%` comments and markup all show as text. Lines (ours) are joined with `<br/>`.
 */
export function mermaidString(...lines: unknown[]): string {
  const escaped = lines.map((line) => {
    let out = '';
    for (const ch of escapeControl(String(line ?? ''))) out += MERMAID_SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
    return out;
  });
  return `"${escaped.join('<br/>')}"`;
}
