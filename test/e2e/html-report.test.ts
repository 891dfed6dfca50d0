/**
 * The HTML report in a real browser: Debian's chromium, driven by playwright-core. Each bundled example's report must
 * open from a file:// URL with no console error and no request but itself, draw a node for every site system and CMG,
 * filter, sort and follow deep links, pass axe-core without serious or critical violations, and leave a screenshot in
 * test-output/html-report/ for people to look at. An export full of markup and `javascript:` values must run nothing.
 *
 * Skipped, with the reason in the test name, only when /usr/bin/chromium is missing (CI installs it).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { ATTR, IMG, JS_URL, PAYLOAD_EXPORT, SCRIPT, SVG_BREAK } from '../support/hostile-export.js';
import { tempDir } from '../support/workspace.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUT = join(ROOT, 'test-output', 'html-report');
const MAX_BYTES = 500 * 1024;

function bundledExamples(): string[] {
  for (const dir of ['examples', join('fixtures', 'designs')]) {
    const full = join(ROOT, dir);
    const files = existsSync(full)
      ? readdirSync(full)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
      : [];
    if (files.length) return files.map((f) => join(full, f));
  }
  return [];
}

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Opened {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
}

/** Opens a report, failing every request but the report itself and recording console errors and dialogs. */
async function open(context: BrowserContext, report: string, hash = ''): Promise<Opened> {
  const page = await context.newPage();
  const url = pathToFileURL(report).href;
  const opened: Opened = { page, consoleErrors: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') opened.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => opened.consoleErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (request.url().split('#')[0] !== url) opened.requests.push(request.url());
  });
  await page.route('**/*', (route) => (route.request().url().split('#')[0] === url ? route.continue() : route.abort()));
  await page.goto(url + hash);
  await page.waitForLoadState('load');
  return opened;
}

function writeReport(exportPath: string, name: string): string {
  const report = join(OUT, `${name}.html`);
  const result = runCli(['lint', exportPath, '--format', 'html', '--output', report, '--no-config'], {
    timeout: 120_000,
  });
  expect(result.stderr).toBe('');
  expect([0, 1]).toContain(result.code);
  return report;
}

/** Site system and CMG names an export declares, read straight from its YAML. */
function declaredNames(exportPath: string): { servers: string[]; cmgs: string[] } {
  const data = parseYaml(readFileSync(exportPath, 'utf8')) as {
    siteSystems?: { SiteSystemServerName?: string }[];
    cloudManagementGateways?: { ServiceName?: string }[];
  };
  return {
    servers: (data.siteSystems ?? [])
      .map((s) => s.SiteSystemServerName)
      .filter((n): n is string => typeof n === 'string'),
    cmgs: (data.cloudManagementGateways ?? [])
      .map((c) => c.ServiceName)
      .filter((n): n is string => typeof n === 'string'),
  };
}

async function nodeNames(page: Page, kind: string): Promise<string[]> {
  return page.$$eval(`svg.topology g.node[data-kind="${kind}"]`, (nodes) =>
    nodes.map((n) => n.getAttribute('data-name') ?? ''),
  );
}

const axeSource = (): string => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousAxeViolations(context: BrowserContext, report: string): Promise<string[]> {
  const page = await context.newPage();
  await page.goto(pathToFileURL(report).href);
  await page.addScriptTag({ content: axeSource() });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  });
  await page.close();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

/** Hides the row behind the first finding link of the page, follows the link, and expects the filters cleared. */
async function checkFilteringAndDeepLink(page: Page): Promise<void> {
  const rows = page.locator('tr.finding');
  const total = await rows.count();
  expect(total).toBeGreaterThan(0);
  await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
  await expect.poll(() => page.locator('#filter-status').textContent()).toBe(`Showing all ${total} findings.`);

  // Severity: unchecking the first row's severity hides every row of that severity.
  const first = rows.first();
  const severity = (await first.getAttribute('data-severity'))!;
  const ofSeverity = await page.locator(`tr.finding[data-severity="${severity}"]`).count();
  await page.locator(`#filters input[name=severity][value="${severity}"]`).uncheck();
  expect(await page.locator('tr.finding:not([hidden])').count()).toBe(total - ofSeverity);
  expect(await first.isHidden()).toBe(true);
  await page.locator('#clear-filters').click();
  expect(await page.locator('tr.finding:not([hidden])').count()).toBe(total);

  // Rule family and search.
  const family = (await first.getAttribute('data-family'))!;
  await page.locator('#filters select[name=family]').selectOption(family);
  expect(await page.locator('tr.finding:not([hidden])').count()).toBe(
    await page.locator(`tr.finding[data-family="${family}"]`).count(),
  );
  await page.locator('#clear-filters').click();
  const rule = (await first.getAttribute('data-sort-rule'))!;
  await page.locator('#filters input[name=q]').fill(rule.toLowerCase());
  const visible = await page
    .locator('tr.finding:not([hidden])')
    .evaluateAll((r) => r.map((row) => row.textContent ?? ''));
  expect(visible.length).toBeGreaterThan(0);
  for (const text of visible) expect(text.toLowerCase()).toContain(rule.toLowerCase());
  await page.locator('#clear-filters').click();

  // Site part.
  const part = (await first.getAttribute('data-part'))!;
  await page.locator('#filters select[name=part]').selectOption(part);
  expect(await page.locator('tr.finding:not([hidden])').count()).toBe(
    await page
      .locator('tr.finding')
      .evaluateAll((r, p) => r.filter((row) => row.getAttribute('data-part') === p).length, part),
  );
  await page.locator('#clear-filters').click();

  // Sorting by severity puts rows in severity order.
  await page.locator('table.findings th button[data-sort="severity"]').first().click();
  const ranks = await page
    .locator('table.findings')
    .first()
    .locator('tbody tr')
    .evaluateAll((r) => r.map((row) => Number(row.getAttribute('data-sort-severity'))));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(await page.locator('table.findings th[aria-sort="ascending"]').count()).toBe(1);

  // A deep link to a row the filters hide clears them. Prefer a link from the topology picture.
  const nodeLink = page.locator('svg.topology a[href^="#finding-"]').first();
  const href = (await nodeLink.count())
    ? (await nodeLink.getAttribute('href'))!
    : `#${(await first.getAttribute('id'))!}`;
  const target = page.locator(`[id="${href.slice(1)}"]`);
  const targetSeverity = (await target.getAttribute('data-severity'))!;
  await page.locator(`#filters input[name=severity][value="${targetSeverity}"]`).uncheck();
  expect(await target.isHidden()).toBe(true);
  if (await nodeLink.count()) await nodeLink.click();
  else await page.evaluate((h) => (location.hash = h), href);
  await expect.poll(() => target.isVisible()).toBe(true);
  expect(await page.locator(`#filters input[name=severity][value="${targetSeverity}"]`).isChecked()).toBe(true);
  expect(await page.evaluate(() => location.hash)).toBe(href);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(href.slice(1));
}

/** Where the first topology picture is drawn, against the window and the box that holds it. */
async function pictureBox(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.topology')!;
    const wrap = document.querySelector('.topology-wrap')!;
    const rect = svg.getBoundingClientRect();
    const wrapRect = wrap.getBoundingClientRect();
    return {
      left: rect.left,
      right: rect.right,
      width: rect.width,
      fitsViewport: rect.left >= 0 && rect.right <= document.documentElement.clientWidth,
      fitsWrap: rect.left >= wrapRect.left - 1 && rect.right <= wrapRect.right + 1,
      wholeInWrap: rect.top >= wrapRect.top - 1 && rect.bottom <= wrapRect.bottom + 1,
      scrollsSideways:
        wrap.scrollWidth > wrap.clientWidth + 1 ||
        document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
}

describe.skipIf(!HAVE_CHROMIUM)(
  `HTML report in Chromium${HAVE_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install chromium)'}`,
  () => {
    let browser: Browser;
    let context: BrowserContext;
    /** Only for axe-core, which is injected as an inline script the report's Content-Security-Policy rightly refuses. */
    let axeContext: BrowserContext;
    /** A reader whose browser runs no script: the page must still show the whole picture. */
    let noScriptContext: BrowserContext;

    beforeAll(async () => {
      mkdirSync(OUT, { recursive: true });
      // launch() starts Chromium with a new, empty user-data-dir of its own (and removes it on close).
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
      context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      axeContext = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
      noScriptContext = await browser.newContext({ viewport: { width: 1400, height: 900 }, javaScriptEnabled: false });
    });

    afterAll(async () => {
      await browser?.close();
    });

    const examples = bundledExamples();
    it('has bundled examples to test', () => {
      expect(examples.length).toBeGreaterThan(0);
    });

    for (const example of examples) {
      const name = basename(example).replace(/\.ya?ml$/, '');
      describe(name, () => {
        let report: string;
        beforeAll(() => {
          report = writeReport(example, name);
        });

        it('is one self-contained file under 500 KB with a strict Content-Security-Policy', () => {
          const html = readFileSync(report, 'utf8');
          expect(statSync(report).size).toBeLessThan(MAX_BYTES);
          const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
          expect(csp).toMatch(
            /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+';/,
          );
          expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
          expect(html).not.toMatch(/\s(src|srcset)=/i);
        });

        it('opens from a file:// URL with no console error and no request but itself', async () => {
          const { page, consoleErrors, requests } = await open(context, report);
          expect(await page.locator('h1').textContent()).toBe('cmlint report');
          expect(consoleErrors).toEqual([]);
          expect(requests).toEqual([]);
          await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
          // The picture fits the page by default; the script's only change to it is a button to show it at full size.
          const full = page.locator('button.fit-toggle').first();
          await full.click();
          expect(await full.getAttribute('aria-pressed')).toBe('true');
          await page
            .locator('svg.topology')
            .first()
            .screenshot({ path: join(OUT, `${name}-topology.png`) });
          await full.click();
          expect(await pictureBox(page)).toMatchObject({ fitsViewport: true, fitsWrap: true });
          await page.close();
        });

        it('fits the whole picture in a 1,400 px window without JavaScript, and lists findings most severe first', async () => {
          const { page } = await open(noScriptContext, report);
          // The picture as the page lays it out in a 1,400 px window, for people to look at.
          await page
            .locator('figure')
            .first()
            .screenshot({ path: join(OUT, `${name}-1400.png`) });
          const box = await pictureBox(page);
          expect(box, JSON.stringify(box)).toMatchObject({
            fitsViewport: true,
            fitsWrap: true,
            wholeInWrap: true,
            scrollsSideways: false,
          });
          // The picture is drawn smaller, not cut: its whole drawing (viewBox) is inside the box the page gives it.
          expect(box.left).toBeGreaterThanOrEqual(0);
          const order = await page.$$eval('tr.finding', (rows) =>
            rows.map((r) => [Number(r.getAttribute('data-sort-severity')), Number(r.getAttribute('data-sort-line'))]),
          );
          const sorted = [...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
          expect(order).toEqual(sorted);
          await page.close();
        });

        it('draws a node for every site system and CMG of the export', async () => {
          const { page } = await open(context, report);
          const declared = declaredNames(example);
          expect(declared.servers.length + declared.cmgs.length).toBeGreaterThan(0);
          expect((await nodeNames(page, 'server')).sort()).toEqual([...declared.servers].sort());
          expect((await nodeNames(page, 'cmg')).sort()).toEqual([...declared.cmgs].sort());
          // Every node shows its state in words, not only in colour.
          const badges = await page.$$eval('svg.topology g.node', (nodes) =>
            nodes.map((n) => n.querySelector('.badge-text')?.textContent ?? ''),
          );
          for (const text of badges) expect(text).toMatch(/^(no findings|\d+ (error|warning|note)s?)$/);
          await page.close();
        });

        it('filters, sorts and follows deep links', async (ctx) => {
          const { page } = await open(context, report);
          if ((await page.locator('tr.finding').count()) === 0) {
            await page.close();
            ctx.skip();
            return;
          }
          await checkFilteringAndDeepLink(page);
          await page.close();
        });

        it('opens a deep link to a finding', async (ctx) => {
          const probe = await open(context, report);
          const id = await probe.page
            .locator('tr.finding')
            .last()
            .getAttribute('id')
            .catch(() => null);
          await probe.page.close();
          if (!id) return ctx.skip();
          const { page, consoleErrors } = await open(context, report, `#${id}`);
          await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(id);
          expect(await page.locator(`[id="${id}"]`).isVisible()).toBe(true);
          expect(consoleErrors).toEqual([]);
          await page.close();
        });

        it('has no serious or critical axe-core violation', async () => {
          expect(await seriousAxeViolations(axeContext, report)).toEqual([]);
        });
      });
    }

    it('covers several exports in one page: a section and a picture each, no id twice', async () => {
      const report = writeReport(join(examples[0]!, '..'), 'all-examples');
      expect(statSync(report).size).toBeLessThan(MAX_BYTES * Math.max(1, examples.length));
      const { page, consoleErrors, requests } = await open(context, report);
      expect(await page.locator('section.file').count()).toBe(examples.length);
      expect(await page.locator('svg.topology').count()).toBe(examples.length);
      const duplicates = await page.evaluate(() => {
        const seen = new Map<string, number>();
        for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
        return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
      });
      expect(duplicates).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    });

    describe('an export carrying markup, script and javascript: values', () => {
      let report: string;
      let exportPath: string;
      beforeAll(() => {
        const dir = tempDir('payload');
        // The file name is data too.
        exportPath = join(dir, 'payload <img src=x onerror=window.__pwned=1>.yaml');
        writeFileSync(exportPath, PAYLOAD_EXPORT);
        report = writeReport(exportPath, 'payload');
      });

      it('runs nothing, links nothing and shows every value as text', async () => {
        const { page, consoleErrors, requests, dialogs } = await open(context, report);
        // Interact the way a reader would: hover and follow every picture link, use the filters.
        for (const link of await page.locator('svg.topology a').all()) {
          await link.hover();
          await link.click();
        }
        await page.locator('#filters input[name=q]').fill('script');
        await page.locator('#clear-filters').click();
        expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        expect(dialogs).toEqual([]);
        expect(consoleErrors).toEqual([]);
        expect(requests).toEqual([]);

        // Nothing from the export became an element, an event handler or a link.
        expect(await page.locator('script').count()).toBe(1);
        expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
        expect(await page.locator('svg svg').count()).toBe(0);
        const handlers = await page.evaluate(() =>
          [...document.querySelectorAll('*')].flatMap((e) =>
            [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`),
          ),
        );
        expect(handlers).toEqual([]);
        const hrefs = await page.evaluate(() =>
          [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href') ?? ''),
        );
        for (const href of hrefs) expect(href).toMatch(/^(#[A-Za-z0-9_-]+|https:\/\/)/);

        // The values are there, as text: in the picture (names), the findings and the export lines.
        expect((await nodeNames(page, 'server')).sort()).toEqual([`${SCRIPT}.contoso.com`, SVG_BREAK].sort());
        expect(await nodeNames(page, 'cmg')).toEqual([IMG]);
        expect(await nodeNames(page, 'clients')).toEqual([ATTR]);
        const text = await page.locator('body').innerText();
        expect(text).toContain(SCRIPT);
        expect(text).toContain(JS_URL);
        expect(text).toContain(basename(exportPath));
        await page.screenshot({ path: join(OUT, 'payload.png'), fullPage: true });
        await page.close();
      });

      it('filters and follows deep links', async () => {
        const { page } = await open(context, report);
        await checkFilteringAndDeepLink(page);
        await page.close();
      });

      it('has no serious or critical axe-core violation', async () => {
        expect(await seriousAxeViolations(axeContext, report)).toEqual([]);
      });
    });
  },
);
