/**
 * The topology as DOT and Mermaid text: the escaping of each label, checked on single values and on the whole output
 * for a hostile export (after removing the quoted labels, only the writers' own syntax may remain, and each label
 * decodes back to the export's value). Graphviz, when installed, renders the DOT as a final check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { escapeControl } from '../../src/report/escape.js';
import { dotString, escapeHtml, mermaidString, safeHttpsUrl } from '../../src/report/markup-escape.js';
import { topologyDotText } from '../../src/report/topology-dot.js';
import { topologyMermaid } from '../../src/report/topology-mermaid.js';
import {
  BACKSLASHES,
  IMG,
  JS_URL,
  MERMAID_BREAK,
  PAYLOAD_EXPORT,
  SCRIPT,
  SVG_BREAK,
} from '../support/hostile-export.js';

const DOT_STRING = /"(?:[^"\\\n]|\\.)*"/g;
const MERMAID_LABEL = /"(?:[A-Za-z0-9 .,:/_-]|#\d+;|<br\/>)*"/g;

function decodeDot(quoted: string): string[] {
  const body = quoted.slice(1, -1);
  const lines = [''];
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch === '\\') {
      const next = body[i + 1]!;
      if (next === 'n') lines.push('');
      else lines[lines.length - 1] += next;
      i += 2;
    } else {
      lines[lines.length - 1] += ch;
      i++;
    }
  }
  return lines.map((l) => l.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

function decodeMermaid(quoted: string): string[] {
  return quoted
    .slice(1, -1)
    .split('<br/>')
    .map((line) => line.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))));
}

const payload = () => lintText(PAYLOAD_EXPORT, 'payload.yaml');

describe('label escaping', () => {
  it('makes DOT strings that cannot end early or smuggle escapes', () => {
    expect(dotString('plain')).toBe('"plain"');
    expect(dotString('say "hi"')).toBe('"say \\"hi\\""');
    expect(dotString('C:\\new\\Name')).toBe('"C:\\\\new\\\\Name"');
    expect(dotString('\\N \\l \\G')).toBe('"\\\\N \\\\l \\\\G"');
    expect(dotString('trailing\\')).toBe('"trailing\\\\"');
    expect(dotString('a\nb')).toBe('"a\\\\nb"'); // a line break in a value shows as \n; it does not break the label
    expect(dotString('<b>&amp;</b>')).toBe('"&lt;b&gt;&amp;amp;&lt;/b&gt;"');
    expect(dotString('line one', 'line two')).toBe('"line one\\nline two"');
    for (const value of [SCRIPT, IMG, BACKSLASHES, MERMAID_BREAK, '\u202e\u0000\u001b[31m']) {
      const quoted = dotString(value);
      expect(quoted.match(DOT_STRING)).toEqual([quoted]);
      expect(decodeDot(quoted)).toEqual([escapeControl(value)]);
    }
  });

  it('makes Mermaid strings of safe characters and entity codes only', () => {
    expect(mermaidString('cmg.contoso.com')).toBe('"cmg.contoso.com"');
    expect(mermaidString('a"b')).toBe('"a#34;b"');
    expect(mermaidString('<script>')).toBe('"#60;script#62;"');
    expect(mermaidString('%% comment')).toBe('"#37;#37; comment"');
    expect(mermaidString('#quot;')).toBe('"#35;quot#59;"');
    expect(mermaidString('one', 'two')).toBe('"one<br/>two"');
    for (const value of [SCRIPT, IMG, SVG_BREAK, MERMAID_BREAK, BACKSLASHES, 'Café 東京 😀', 'line\nbreak']) {
      const quoted = mermaidString(value);
      expect(quoted.match(MERMAID_LABEL)).toEqual([quoted]);
      expect(decodeMermaid(quoted)).toEqual([escapeControl(value)]);
    }
  });

  it('escapes HTML text and attributes, and links only https URLs', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('\u202eevil')).toBe('\\u202eevil');
    expect(safeHttpsUrl('https://learn.microsoft.com/a?b=1#c')).toBe('https://learn.microsoft.com/a?b=1#c');
    for (const url of [
      JS_URL,
      ' javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>',
      'http://example.com',
      '//example.com',
      '/relative',
      'https://user:pw@example.com',
      'vbscript:x',
    ]) {
      expect(safeHttpsUrl(url)).toBeUndefined();
    }
  });
});

describe('topology as DOT', () => {
  it('keeps every export value inside an escaped label', () => {
    const dot = topologyDotText([payload()]);
    const skeleton = dot.replace(DOT_STRING, 'Q');
    for (const line of skeleton.trimEnd().split('\n')) {
      expect(line).toMatch(
        /^(digraph cmlint \{|\s*(graph|node|edge) \[[^\]]*\];|\s*subgraph cluster_[A-Za-z0-9_]+ \{|\s*label=Q;|\s*style=Q; color=Q;|\s*[A-Za-z0-9_]+ \[label=Q(, [a-z]+=(Q|[0-9.]+))*\];|\s*[A-Za-z0-9_]+ -> [A-Za-z0-9_]+ \[label=Q, style=[a-z]+\];|\s*\})$/,
      );
    }
    const labels = (dot.match(DOT_STRING) ?? []).flatMap(decodeDot);
    // Each value whole, or its first 59 characters and an ellipsis past 60 (MAX_QUOTED, SECURITY.md).
    const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 59)}…` : value);
    for (const value of [`${SCRIPT}.contoso.com`, SVG_BREAK, IMG, JS_URL]) expect(labels).toContain(shown(value));
    // A row's text and detail, each bounded.
    expect(labels).toContain(`${BACKSLASHES}: ${shown(`A ${MERMAID_BREAK}`)}`);
  });

  it.skipIf(!existsSync('/usr/bin/dot'))('renders in Graphviz with the values as text (needs graphviz)', () => {
    const dot = topologyDotText([payload()]);
    const result = spawnSync('/usr/bin/dot', ['-Tsvg'], { input: dot, encoding: 'utf8', timeout: 30_000 });
    expect(result.status, result.stderr).toBe(0);
    // The values are text: no element or attribute came from them.
    expect(result.stdout).not.toMatch(/<(script|img)\b|<svg[^>]*\sonload|\son(error|load|mouseover)="/);
    expect(result.stdout).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;.contoso.com');
    expect(result.stdout).toContain('back\\slash \\N \\l &quot;quoted&quot; \\');
  });

  it('is the dot report format', () => {
    const file = payload();
    expect(topologyDotText([file, file])).toContain('subgraph cluster_f1_file {');
  });
});

describe('topology as Mermaid', () => {
  it('keeps every export value inside an entity-coded label', () => {
    const text = topologyMermaid([payload()]);
    const skeleton = text.replace(MERMAID_LABEL, 'Q');
    for (const line of skeleton.trimEnd().split('\n')) {
      expect(line).toMatch(
        /^(flowchart LR|\s*subgraph [A-Za-z0-9_]+\[Q\]|\s*end|\s*[A-Za-z0-9_]+\[Q\]|\s*[A-Za-z0-9_]+ (-->|-\.->)\|Q\| [A-Za-z0-9_]+|\s*classDef (error|warning|note) [a-z:#0-9,-]+( [0-9]+)?|\s*class [A-Za-z0-9_,]+ (error|warning|note))$/,
      );
    }
    const labels = (text.match(MERMAID_LABEL) ?? []).flatMap(decodeMermaid);
    for (const value of [`${SCRIPT}.contoso.com`, SVG_BREAK, IMG, BACKSLASHES]) expect(labels).toContain(value);
    expect(text.replace(/<br\/>/g, '').replace(/ (-->|-\.->)\|/g, ' |')).not.toMatch(/[<>]/);
  });

  it('puts several files in subgraphs of their own', () => {
    const file = payload();
    const text = topologyMermaid([file, file]);
    expect(text).toMatch(/^\s*subgraph f0_file\["payload.yaml"\]$/m);
    expect(text).toMatch(/^\s*subgraph f1_file\["payload.yaml"\]$/m);
  });
});
