/**
 * Rows past the first page of an HTML report are written brief: only their anchor, no filter or sort attributes, a
 * rule's title on its first brief row only (src/report/html.ts, findingRow). The report's script sets the attributes
 * from the cells and copies the titles when it makes the rows: once made, a brief row must carry what a full row of
 * the same finding states, or the filters and sorting would miss it. Skipped with a message when /usr/bin/chromium
 * is missing.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { generateExport } from '../../bench/generate.mjs';
import { familyOf } from '../../src/rules/rule.js';
import { lintText } from '../../src/lint.js';
import { findingAnchor, FIRST_PAGE, formatHtml } from '../../src/report/html.js';
import { loadRules } from '../../src/rules/load-rules.js';
import { ROOT } from '../support/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUT = join(ROOT, 'test-output', 'html-brief-rows');
const RANK = { error: '0', warning: '1', note: '2' };

describe('brief rows past the first page of an HTML report', () => {
  const file = lintText(generateExport(1500, 'yaml', 10), 'dense.yaml', { asOf: '2026-06-01' });
  const rules = loadRules();
  const active = file.findings.filter((f) => !f.suppression);
  const html = formatHtml({ files: [file], rules, toolVersion: 'test', cwd: ROOT });
  const after = html.split('<noscript class="more-rows">')[1]!.split('</noscript>')[0]!;
  const byAnchor = new Map(active.map((f) => [findingAnchor(f), f]));

  it('are written with their anchor only, and a rule title once per rule', () => {
    expect(active.length).toBeGreaterThan(FIRST_PAGE * 2);
    const openings = after.match(/<tr [^>]*>/g)!;
    expect(openings).toHaveLength(active.length - FIRST_PAGE);
    for (const tr of openings) expect(tr).toMatch(/^<tr class="finding" id="finding-[A-Za-z0-9_-]+">$/);
    const briefRules = new Set(
      after.match(/id="finding-[A-Za-z0-9_-]+"/g)!.map((id) => byAnchor.get(id.slice(4, -1))!.ruleId),
    );
    expect(after.match(/class="rule-title"/g)).toHaveLength(briefRules.size);
  });

  it.skipIf(!HAVE_CHROMIUM)(
    `get a full row's attributes and title from the script${HAVE_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install chromium)'}`,
    async () => {
      mkdirSync(OUT, { recursive: true });
      const report = join(OUT, 'dense.html');
      writeFileSync(report, html);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(pathToFileURL(report).href);
        await page.locator('details.more-findings summary').click();
        await expect.poll(() => page.locator('tr.finding').count()).toBe(active.length);
        const rows = await page.locator('tr.finding').evaluateAll((list) =>
          list.map((r) => ({
            id: r.id,
            tabIndex: r.getAttribute('tabindex'),
            index: r.getAttribute('data-index'),
            severity: r.getAttribute('data-severity'),
            family: r.getAttribute('data-family'),
            part: r.getAttribute('data-part'),
            sortSeverity: r.getAttribute('data-sort-severity'),
            sortRule: r.getAttribute('data-sort-rule'),
            sortLine: r.getAttribute('data-sort-line'),
            sortPart: r.getAttribute('data-sort-part'),
            title: r.querySelector('.rule-title')?.textContent ?? null,
            partCell: (r as HTMLTableRowElement).cells[4]!.textContent,
          })),
        );
        const titles = new Map(rules.map((r) => [r.id, r.title]));
        rows.forEach((row, i) => {
          const finding = byAnchor.get(row.id)!;
          expect(row).toEqual({
            id: row.id,
            tabIndex: '-1',
            index: String(i),
            severity: finding.severity,
            family: familyOf(finding.ruleId),
            part: row.partCell,
            sortSeverity: RANK[finding.severity],
            sortRule: finding.ruleId,
            sortLine: String(finding.region.startLine),
            sortPart: row.partCell,
            title: titles.get(finding.ruleId) ?? null,
            partCell: row.partCell,
          });
        });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
