/**
 * The HTML report and its topology picture as text, without a browser (test/e2e/html-report.test.ts opens them in
 * Chromium where it is installed): the page's structure, every value from an export escaped, and every finding
 * reachable from the findings table and from the picture's node that shows it. Runs from source on any machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintText, type FileResult } from '../../src/lint.js';
import { findingAnchor, formatHtml } from '../../src/report/html.js';
import { loadRules } from '../../src/rules/load-rules.js';
import { ROOT } from '../support/cli.js';
import { ATTR, IMG, JS_URL, PAYLOAD_EXPORT, SCRIPT, SVG_BREAK } from '../support/hostile-export.js';

const rules = loadRules();
const lint = (path: string, text: string): FileResult => lintText(text, path, { rules, asOf: '2026-06-01' });
const page = (files: FileResult[]): string => formatHtml({ files, rules, toolVersion: 'test', cwd: ROOT });

const contoso = lint('examples/contoso.yaml', readFileSync(join(ROOT, 'examples', 'contoso.yaml'), 'utf8'));
const hostile = lint('hostile.yaml', PAYLOAD_EXPORT);
const html = page([contoso, hostile]);

const ids = (text: string): string[] => [...text.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
const localLinks = (text: string): string[] => [...text.matchAll(/\shref="#([^"]*)"/g)].map((m) => m[1]!);
const TOPOLOGY = '<svg xmlns="http://www.w3.org/2000/svg" class="topology"';
/** The SVG of one export (the topology of file-N), cut out of the page. */
function svgOf(index: number): string {
  const section = html.slice(html.indexOf(`<section class="file" id="file-${index}"`));
  const start = section.indexOf(TOPOLOGY);
  return section.slice(start, section.indexOf('</svg>', start) + '</svg>'.length);
}

describe('the HTML page, as text', () => {
  test('one document: doctype, one section and one topology picture per export, every id once', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html.match(/<section class="file" id="file-\d+"/g)).toHaveLength(2);
    expect(html.split(TOPOLOGY)).toHaveLength(3);
    // Icons are small pictures too: every picture is closed.
    expect(html.match(/<svg[\s>]/g)?.length).toBe(html.match(/<\/svg>/g)?.length);
    const all = ids(html);
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });

  test('every in-page link leads to an element of the page', () => {
    const known = new Set(ids(html));
    expect(localLinks(html).filter((target) => !known.has(target))).toEqual([]);
  });

  test('a value from an export never becomes markup, script, a link or a way out of the picture', () => {
    expect(hostile.findings.length).toBeGreaterThan(0);
    for (const payload of [SCRIPT, IMG, SVG_BREAK, ATTR]) expect(html, payload).not.toContain(payload);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).not.toContain(JS_URL.replace('javascript:', 'javascript:'.toUpperCase()));
    // Script appears only as the page's own (one inline block under its CSP hash), never from the export.
    expect(html.match(/<script\b/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('every finding is reachable', () => {
  for (const [index, file] of [contoso, hostile].entries()) {
    const active = file.findings.filter((f) => !f.suppression);

    test(`${file.path}: from the findings table (one row, with the rule and the line)`, () => {
      expect(active.length).toBeGreaterThan(0);
      for (const finding of active) {
        const rows =
          html.match(new RegExp(`<tr class="finding" id="${findingAnchor(finding)}"[^>]*>[\\s\\S]*?</tr>`, 'g')) ?? [];
        expect(rows, finding.fingerprint).toHaveLength(1);
        expect(rows[0]).toContain(finding.ruleId);
        expect(rows[0]).toContain(`:${finding.region.startLine}`);
      }
    });

    test(`${file.path}: from the picture, each node with findings links to one of them`, () => {
      const svg = svgOf(index);
      const anchors = new Set(active.map(findingAnchor));
      const links = localLinks(svg);
      expect(links.length).toBeGreaterThan(0);
      // Every link in the picture names a finding of this export...
      expect(links.filter((target) => !anchors.has(target))).toEqual([]);
      // ...and every node marked with a severity is a link to a finding.
      const marked = [...svg.matchAll(/<g class="node [^"]* sev-(error|warning|note)"[^>]*>([\s\S]*?)<\/g>/g)];
      if (file === contoso) expect(marked.length).toBeGreaterThan(0);
      for (const node of marked) expect(node[2], node[0].slice(0, 120)).toMatch(/<a href="#finding-/);
    });
  }
});
