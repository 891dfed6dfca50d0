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
 * A URL from a rule file as the destination of a Markdown link `[text](url)`, or undefined when it is not plain https
 * (safeHttpsUrl) or holds whitespace. Characters that end or break a link destination (parentheses, brackets, angle
 * brackets, quotes, backslashes) are percent-encoded, so the link cannot close early and add an image or another link.
 */
export function markdownUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || /[\s\u0000-\u001f\u007f-\u009f]/.test(value)) return undefined;
  const href = safeHttpsUrl(value);
  return href?.replace(/[()[\]<>"'\\`]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * What GitHub's Markdown would turn into a link by itself: a URL with a scheme, `www.`, or an e-mail address. The
 * scheme and the address's local part are bounded (32 and 64 characters), so that a long run of letters costs linear
 * time to scan rather than quadratic.
 */
const LINK_LIKE = /(?:[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/|www\.)\S*|[^\s@]{0,64}@[^\s@]+\.[^\s@]+/gi;

/** Text in a Markdown code span: shown as it is, never a link, image, emphasis or HTML. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  // A pipe ends a table cell even in a code span unless escaped (GitHub Flavored Markdown tables).
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/**
 * A value as one line of Markdown text (a table cell, a paragraph): line breaks become spaces, control and
 * bidirectional characters are made visible, `&` and `<` are entities, every other character Markdown gives a meaning
 * is backslash-escaped, and whatever GitHub would link by itself (https://…, www.…, an e-mail address) is put in a code
 * span. Nothing in it can become a link, an image, emphasis, a table cell or HTML.
 */
export function markdownText(value: unknown): string {
  const text = escapeControl(String(value ?? '').replace(/[\r\n\u2028\u2029]+/g, ' '));
  let out = '';
  let last = 0;
  for (const match of text.matchAll(LINK_LIKE)) {
    out += markdownPlain(text.slice(last, match.index)) + codeSpan(match[0]);
    last = match.index + match[0].length;
  }
  return out + markdownPlain(text.slice(last));
}

/** Escapes for plain text; `@` and `#` too, which GitHub turns into mentions and references. */
function markdownPlain(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~@]/g, (ch) => `\\${ch}`)
    .replace(
      /^(\s*)([-=]|\d+(?=[.)]))/,
      (_, space: string, marker: string) => `${space}${/\d/.test(marker) ? `${marker}\\` : `\\${marker}`}`,
    );
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
