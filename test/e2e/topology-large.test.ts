/**
 * A large design stays a picture a person can read: a hierarchy of 200 primary sites and 2,000 site systems is
 * grouped (sites by parent, site systems by roles and settings) into a picture of bounded size, and every finding
 * still lands on the part that drew it. The sizes are asserted, not the time. A browser test leaves the picture in
 * test-output/topology-large/ for people to look at (skipped with a message without Chromium).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { hierarchyExport } from '../../bench/generate.mjs';
import type { FileResult } from '../../src/lint.js';
import { lintText } from '../../src/lint.js';
import { formatHtml } from '../../src/report/html.js';
import { LEGIBLE } from '../../src/report/topology-condense.js';
import { topologySvg } from '../../src/report/topology-svg.js';
import { buildTopology, nodeFindings, type Topology } from '../../src/report/topology.js';
import { ROOT } from '../support/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUT = join(ROOT, 'test-output', 'topology-large');

function attachedCount(topology: Topology): number {
  return (
    topology.zones.reduce((n, z) => n + z.findings.length, 0) +
    topology.nodes.reduce((n, node) => n + nodeFindings(node).length, 0) +
    topology.unattached.length
  );
}

function viewBox(svg: string): { width: number; height: number } {
  const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg) ?? [];
  return { width: Number(w), height: Number(h) };
}

describe('a 200-primary hierarchy with 2,000 site systems', () => {
  let file: FileResult;
  let topology: Topology;
  beforeAll(() => {
    file = lintText(hierarchyExport(200, 2000), 'hierarchy.yaml', { asOf: '2026-06-01' });
    topology = buildTopology(file);
  }, 120_000);

  it('groups sites and site systems into a picture of bounded size', () => {
    expect(topology.zones.filter((z) => z.kind === 'site').length).toBeLessThanOrEqual(LEGIBLE.sites);
    expect(topology.nodes.length).toBeLessThanOrEqual(40);
    // Every site system is counted in exactly one drawn node.
    const servers = topology.nodes.filter((n) => n.kind === 'server').reduce((n, node) => n + (node.members ?? 1), 0);
    expect(servers).toBe(2000);
    const { width, height } = viewBox(
      topologySvg(topology, { idPrefix: 't', findingHref: () => '#', title: 'hierarchy' }),
    );
    // A few screens at most: the ungrouped picture was 206,000 px tall.
    expect(width).toBeLessThan(4000);
    expect(height).toBeLessThan(3000);
  });

  it('shows the central administration site whole, named as Configuration Manager names it and linked to the sites under it', () => {
    const svg = topologySvg(topology, { idPrefix: 't', findingHref: () => '#', title: 'hierarchy' });
    const cas = topology.zones.find((z) => z.title.startsWith('Site CAS'))!;
    expect(cas.subtitle).toMatch(/^central administration site · /);
    expect(svg).toContain(`>${cas.title}</text>`);
    const grouped = topology.zones.find((z) => z.parent === cas.id)!;
    expect(grouped.title).toBe('200 sites under CAS');
    expect(svg).toContain(`<g class="edge zone-link" data-from="${cas.id}" data-to="${grouped.id}">`);
  });

  it('keeps every finding on the part that drew it, or says it concerns the design as a whole', () => {
    const active = file.findings.filter((f) => !f.suppression);
    expect(active.length).toBeGreaterThan(1000);
    expect(attachedCount(topology)).toBe(active.length);
    // Findings about site systems land on a site-system node, not on the design as a whole.
    const aboutServers = active.filter((f) => f.pointer?.[0] === 'siteSystems');
    const onServers = new Set(topology.nodes.filter((n) => n.kind === 'server').flatMap(nodeFindings));
    expect(aboutServers.length).toBeGreaterThan(0);
    for (const f of aboutServers) expect(onServers.has(f)).toBe(true);
  });

  it('draws the same picture for a hierarchy four times smaller in about the same size', () => {
    const small = buildTopology(lintText(hierarchyExport(50, 500), 'hierarchy.yaml', { asOf: '2026-06-01' }));
    expect(Math.abs(small.nodes.length - topology.nodes.length)).toBeLessThanOrEqual(4);
  });

  it.skipIf(!HAVE_CHROMIUM)(
    `shows a readable picture in Chromium${HAVE_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install chromium)'}`,
    async () => {
      mkdirSync(OUT, { recursive: true });
      const report = join(OUT, 'hierarchy-200.html');
      writeFileSync(report, formatHtml({ files: [file], rules: [], toolVersion: 'test', cwd: ROOT }));
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(pathToFileURL(report).href, { timeout: 120_000 });
        const svg = page.locator('svg.topology').first();
        await svg.screenshot({ path: join(OUT, 'hierarchy-200.png') });
        const box = await svg.boundingBox();
        expect(box!.height).toBeLessThan(3 * 900);
        // Every grouped node links to its worst finding's row in the table, made on demand when past the first page.
        const hrefs = await page
          .locator('svg.topology a.node-link')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
        expect(hrefs.length).toBeGreaterThan(0);
        for (const href of hrefs) {
          await page.evaluate((hash) => (location.hash = hash), href);
          await expect.poll(() => page.locator(`tr${href}`).isVisible()).toBe(true);
        }
      } finally {
        await browser.close();
      }
    },
    240_000,
  );
});
