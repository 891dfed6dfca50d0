/**
 * An HTML report of many findings opens without building every row: past the first page, the rows wait as the text of
 * a <noscript> in a closed <details>. With scripts the report's script makes them on demand (details opened, a filter,
 * a sort, a link); without scripts the browser builds them itself. Every finding keeps its row either way. Skipped
 * with a message when /usr/bin/chromium is missing.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { generateExport } from '../../bench/generate.mjs';
import { lintText } from '../../src/lint.js';
import { findingAnchor, FIRST_PAGE, formatHtml } from '../../src/report/html.js';
import { loadRules } from '../../src/rules/load-rules.js';
import { ROOT } from '../support/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUT = join(ROOT, 'test-output', 'html-many-findings');

describe('an HTML report of many findings', () => {
  // 3 findings in every 10 devices.
  const file = lintText(generateExport(2000, 'yaml', 10), 'dense.yaml', { asOf: '2026-06-01' });
  const active = file.findings.filter((f) => !f.suppression);
  const html = formatHtml({ files: [file], rules: loadRules(), toolVersion: 'test', cwd: ROOT });

  it('writes every finding, the first page as rows and the rest inside a <noscript>', () => {
    expect(active.length).toBeGreaterThan(FIRST_PAGE * 2);
    for (const f of active) expect(html).toContain(`id="${findingAnchor(f)}"`);
    const [before, after] = html.split('<noscript class="more-rows">');
    expect(before!.match(/<tr class="finding"/g)).toHaveLength(FIRST_PAGE);
    expect(after!.match(/<tr class="finding"/g)).toHaveLength(active.length - FIRST_PAGE);
  });

  describe.skipIf(!HAVE_CHROMIUM)(
    `in Chromium${HAVE_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install chromium)'}`,
    () => {
      let browser: Browser;
      let url: string;
      beforeAll(async () => {
        mkdirSync(OUT, { recursive: true });
        const report = join(OUT, 'dense.html');
        writeFileSync(report, html);
        url = pathToFileURL(report).href;
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu'],
        });
      }, 60_000);
      afterAll(async () => browser?.close());

      it('builds the first page only, counts them all, and makes a later finding when a link leads to it', async () => {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(url);
        expect(await page.locator('tr.finding').count()).toBe(FIRST_PAGE);
        expect(await page.locator('#filter-status').textContent()).toBe(`Showing all ${active.length} findings.`);
        const last = findingAnchor(active.at(-1)!);
        await page.evaluate((id) => (location.hash = id), last);
        await expect.poll(() => page.locator(`#${last}`).isVisible()).toBe(true);
        expect(await page.locator('tr.finding').count()).toBe(active.length);
        // A search finds rows past the first page.
        await page.locator('input[name=q]').fill(active.at(-1)!.message);
        await expect.poll(() => page.locator(`#${last}:not([hidden])`).count()).toBe(1);
        expect(errors).toEqual([]);
        await page.close();
      }, 120_000);

      it('shows every row to a browser without scripts', async () => {
        const context = await browser.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        await page.goto(url);
        expect(await page.locator('tr.finding').count()).toBe(active.length);
        await context.close();
      }, 120_000);
    },
  );
});
