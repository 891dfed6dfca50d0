/**
 * The zones of the picture: the internet, Azure and each on-premises site. The site zones are made first, in the
 * hierarchy's order, so that a site without site systems still shows; the internet and Azure zones, and a zone for a
 * site code no site has, are made when a node first needs them (a zone's id is its place in that order).
 */
import type { Element, Model } from '../../model/build.js';
import { lower } from '../../model/facts.js';
import type { TopologyZone } from './types.js';
import { pointerOf, text } from './values.js';

export interface Zones {
  internet(): TopologyZone;
  azure(): TopologyZone;
  /** The zone of the site with this site code: the top site's when none is given, a zone of its own for an unknown code. */
  site(code: unknown): TopologyZone;
  /** The top site's zone (the first site's, else a zone standing for the site systems of an export with no sites). */
  topSite(): TopologyZone;
  /** Every zone made, in order. */
  all(): TopologyZone[];
}

export function makeZones(model: Model): Zones {
  const zones = new Map<string, TopologyZone>();
  const addZone = (key: string, zone: Omit<TopologyZone, 'id' | 'findings'>): TopologyZone => {
    const existing = zones.get(key);
    if (existing) return existing;
    const created: TopologyZone = { ...zone, id: `z${zones.size}`, findings: [] };
    zones.set(key, created);
    return created;
  };
  // Zones are keyed by the site code as the picture shows it: a second site with a code already drawn adds no zone.
  const siteZoneByCode = new Map<string, TopologyZone>();
  for (const site of model.sites) {
    const code = text(site.SiteCode) ?? '?';
    if (siteZoneByCode.has(lower(code))) continue;
    const facts = [
      siteTypeName(site.SiteType),
      site.version !== undefined ? `version ${String(site.version)}` : 'version not stated',
      text(site.ParentSiteCode) ? `parent ${text(site.ParentSiteCode)}` : undefined,
    ];
    const zone = addZone(`site:${lower(code)}`, {
      kind: 'site',
      title: `Site ${code}${text(site.SiteName) ? ` (${text(site.SiteName)})` : ''}`,
      subtitle: facts.filter(Boolean).join(' · '),
      rank: 2 + depth(site),
      pointers: pointerOf(site),
    });
    siteZoneByCode.set(lower(code), zone);
  }
  for (const site of model.sites) {
    const zone = siteZoneByCode.get(lower(text(site.SiteCode) ?? '?'));
    const parent = site.parent ? siteZoneByCode.get(lower((site.parent as Element).SiteCode)) : undefined;
    if (zone && parent && parent !== zone) zone.parent = parent.id;
  }
  const topSite = (): TopologyZone => {
    const top = model.hierarchy.topSite as Element | undefined;
    const zone = top ? siteZoneByCode.get(lower(top.SiteCode)) : [...siteZoneByCode.values()][0];
    return (
      zone ??
      addZone('site:?', {
        kind: 'site',
        title: 'On-premises',
        subtitle: 'no site in hierarchy.sites',
        rank: 2,
        pointers: [],
      })
    );
  };
  return {
    internet: () => addZone('internet', { kind: 'internet', title: 'Internet', rank: 0, pointers: [] }),
    azure: () => addZone('azure', { kind: 'azure', title: 'Microsoft Azure', rank: 1, pointers: [] }),
    site(code) {
      const key = lower(code);
      const known = siteZoneByCode.get(key);
      if (known) return known;
      if (!key) return topSite();
      const zone = addZone(`site:${key}`, {
        kind: 'site',
        title: `Site ${text(code) ?? key}`,
        subtitle: 'not in hierarchy.sites',
        rank: 2,
        pointers: [],
      });
      siteZoneByCode.set(key, zone);
      return zone;
    },
    topSite,
    all: () => [...zones.values()],
  };
}

/** How many parents a site has above it (at most 10: a loop of parents draws as deep, not forever). */
function depth(site: Element): number {
  let d = 0;
  for (let s = site.parent as Element | undefined; s && d < 10; s = s.parent as Element | undefined) d++;
  return d;
}

/** The site type as Configuration Manager names it ("central administration site", not the export's "Cas"); an unknown value as it is. */
const SITE_TYPE_NAMES: Record<string, string> = {
  cas: 'central administration site',
  primary: 'primary site',
  secondary: 'secondary site',
};
function siteTypeName(value: unknown): string | undefined {
  const type = text(value);
  return type === undefined ? undefined : (SITE_TYPE_NAMES[lower(type)] ?? type);
}
