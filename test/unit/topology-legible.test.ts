/**
 * The picture of a grouped hierarchy reads as the reviewer of issue 25 asked: the central administration site's
 * title shows whole, its type is named as Configuration Manager names it, it is linked to the (grouped) sites under
 * it, and edge labels sit on a background so that the edge's dashes do not show through the text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { hierarchyExport } from '../../bench/generate.mjs';
import { lintText } from '../../src/lint.js';
import { topologySvg } from '../../src/report/topology-svg.js';
import { buildTopology, type Topology } from '../../src/report/topology.js';

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('a grouped hierarchy under a central administration site', () => {
  let topology: Topology;
  let svg: string;
  beforeAll(() => {
    topology = buildTopology(lintText(hierarchyExport(20, 100), 'hierarchy.yaml', { asOf: '2026-06-01' }));
    svg = topologySvg(topology, { idPrefix: 't', findingHref: () => '#', title: 'hierarchy' });
  });
  const cas = () => topology.zones.find((z) => z.title.startsWith('Site CAS'))!;

  it('names the site type as Configuration Manager does', () => {
    expect(cas().subtitle).toMatch(/^central administration site · /);
    expect(topology.zones.filter((z) => z.subtitle?.startsWith('Cas'))).toEqual([]);
  });

  it('shows the whole title of the central administration site, which has no site systems', () => {
    const zone = new RegExp(
      `<g class="zone zone-site[^"]*" data-zone="${cas().title.replace(/[()]/g, '\\$&')}">.*?<text class="zone-title"[^>]*>([^<]*)</text>`,
    ).exec(svg);
    expect(zone).not.toBeNull();
    expect(unescape(zone![1]!)).toBe(cas().title);
    expect(zone![1]).not.toContain('…');
  });

  it('links the central administration site to the grouped zone of the sites under it', () => {
    const grouped = topology.zones.find((z) => z.parent === cas().id && (z.members ?? 0) > 1);
    expect(grouped?.title).toBe('20 sites under CAS');
    const link = new RegExp(
      `<g class="edge zone-link" data-from="${cas().id}" data-to="${grouped!.id}">.*?<path d="M[^"]+"`,
    ).exec(svg);
    expect(link).not.toBeNull();
  });

  it('puts a filled background behind every edge label, wide enough for its text', () => {
    const labels = [
      ...svg.matchAll(
        /<rect class="edge-label-bg" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="16" rx="3" fill="#fff"\/><text class="edge-label" x="([\d.-]+)" y="([\d.-]+)"[^>]*>([^<]*)<\/text>/g,
      ),
    ];
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBe((svg.match(/class="edge-label"/g) ?? []).length);
    for (const [, x, y, w, tx, ty, text] of labels) {
      const [left, top, wide, cx, baseline] = [x, y, w, tx, ty].map(Number) as [number, number, number, number, number];
      expect(left + wide / 2).toBeCloseTo(cx, 0);
      expect(wide).toBeGreaterThanOrEqual([...unescape(text!)].length * 11 * 0.6);
      expect(baseline).toBeGreaterThan(top);
      expect(baseline).toBeLessThan(top + 16);
    }
  });
});
