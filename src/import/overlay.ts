/**
 * Merging the hand-written overlay (a partial export in the same schema) into what the site gave: objects key by
 * key, lists of objects item by item matched by their identity (site code, server name, CMG name, setting name...,
 * compared case-insensitively as Configuration Manager compares names), anything else replaced. The overlay wins
 * every conflict, and each conflict is reported.
 */
import { isRecord } from './row.js';
import { isNodeMap, type Leaf, type Node, type NodeMap, plain, Sourced } from './sourced.js';
import { show } from './values.js';

/** The field that identifies an item of each list of objects, by the list's path (indices left out). */
export const IDENTITY: Readonly<Record<string, string>> = {
  'hierarchy.sites': 'SiteCode',
  siteSystems: 'SiteSystemServerName',
  azureServices: 'Name',
  cloudManagementGateways: 'ServiceName',
  cloudDistributionPoints: 'ServiceName',
  boundaryGroups: 'Name',
  'activeDirectory.forests': 'ForestFqdn',
  'pki.certificates': 'Id',
  'dns.records': 'Name',
  'network.devices': 'Name',
  clientSettings: 'ClientSettingName',
  clientPopulations: 'Name',
  devices: 'Name',
  content: 'Name',
};

export interface Conflict {
  /** Where, with list items named by identity: `siteSystems[cm01.contoso.com].roles.ManagementPoint.EnableSsl`. */
  path: string;
  site: unknown;
  source?: string;
  overlay: unknown;
}

export function mergeOverlay(
  base: NodeMap,
  overlay: Record<string, unknown>,
): { merged: NodeMap; conflicts: Conflict[] } {
  const conflicts: Conflict[] = [];
  const merged = mergeNode(base, overlay, [], '', conflicts);
  return { merged: merged as NodeMap, conflicts };
}

function mergeNode(
  base: Node | undefined,
  over: unknown,
  keyPath: string[],
  shown: string,
  conflicts: Conflict[],
): Node {
  if (over === undefined) return base as Node;
  if (base === undefined) return fromPlain(over);
  if (isNodeMap(base) && isRecord(over)) {
    const out: NodeMap = { ...base };
    for (const [key, value] of Object.entries(over))
      setKey(
        out,
        key,
        mergeNode(
          Object.hasOwn(base, key) ? base[key] : undefined,
          value,
          [...keyPath, key],
          shown ? `${shown}.${key}` : key,
          conflicts,
        ),
      );
    return out;
  }
  const identity = IDENTITY[keyPath.join('.')];
  if (Array.isArray(base) && Array.isArray(over) && identity)
    return mergeList(base, over, identity, keyPath, shown, conflicts);
  const site = plain(base);
  if (sameValue(site, over)) return base;
  const source = base instanceof Sourced ? base.source : undefined;
  conflicts.push({ path: shown, site, ...(source ? { source } : {}), overlay: over });
  if (isLeafOrLeaves(over))
    return new Sourced(over, `overlay; the site says ${show(site)}${source ? ` (${source})` : ''}`);
  return fromPlain(over);
}

function mergeList(
  base: Node[],
  over: unknown[],
  identity: string,
  keyPath: string[],
  shown: string,
  conflicts: Conflict[],
): Node[] {
  const out = [...base];
  for (const item of over) {
    const id = isRecord(item) ? item[identity] : undefined;
    const index =
      id === undefined
        ? -1
        : out.findIndex((existing) => isNodeMap(existing) && sameIdentity(plain(existing[identity] ?? null), id));
    if (index < 0) out.push(fromPlain(item));
    else {
      // Matched by identity: the site's spelling of the identity stays (names compare case-insensitively).
      const { [identity]: _matched, ...rest } = item as Record<string, unknown>;
      void _matched;
      const existing = out[index] as NodeMap;
      out[index] = mergeNode(
        existing,
        rest,
        keyPath,
        `${shown}[${String(plain(existing[identity] ?? null))}]`,
        conflicts,
      );
    }
  }
  return out;
}

function sameIdentity(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isLeafOrLeaves(value: unknown): value is Leaf | Leaf[] {
  const leaf = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return leaf(value) || (Array.isArray(value) && value.every(leaf));
}

/** An overlay value as a node: plain, so it is written without a source comment. */
function fromPlain(value: unknown): Node {
  if (Array.isArray(value)) return value.map(fromPlain);
  if (isRecord(value)) {
    const out: NodeMap = {};
    for (const [key, inner] of Object.entries(value)) setKey(out, key, fromPlain(inner));
    return out;
  }
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return String(value);
}

/** An own property even for a key like `__proto__` (the schema then reports it; it never changes a prototype). */
function setKey(target: NodeMap, key: string, value: Node): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
