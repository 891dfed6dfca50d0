/** Boundary groups with their site systems (SMS_BoundaryGroup, SMS_BoundaryGroupSiteSystems) and forests (SMS_ADForest). */
import { byName, type ImportContext } from './context.js';
import { type CmgName, findCmg } from './map-cmg.js';
import { serverFromPath } from './row.js';
import { type NodeMap, put, Sourced } from './sourced.js';

interface Membership {
  group: string;
  server: string;
}

function memberships(context: ImportContext): { groups: Map<string, string>; members: Membership[] } {
  const groups = new Map<string, string>();
  for (const row of context.rows('SMS_BoundaryGroup', 'Name', 'GroupID'))
    groups.set(String(row.get('GroupID')), String(row.get('Name')));
  const members: Membership[] = [];
  for (const row of context.rows('SMS_BoundaryGroupSiteSystems', 'GroupID', 'ServerNALPath')) {
    const group = groups.get(String(row.get('GroupID')));
    const server = serverFromPath(row.get('ServerNALPath'));
    if (group === undefined)
      context.warnings.add(
        `SMS_BoundaryGroupSiteSystems GroupID ${String(row.get('GroupID'))} names no SMS_BoundaryGroup; skipped`,
      );
    else if (server === undefined)
      context.read.unknown(
        'SMS_BoundaryGroupSiteSystems.ServerNALPath',
        row.get('ServerNALPath'),
        'a NAL path holding \\\\server',
        `group ${group}`,
      );
    else members.push({ group, server });
  }
  return { groups, members };
}

/** A CMG in a boundary group is listed by its service name, a server by its name as the group holds it. */
export function mapBoundaryGroups(context: ImportContext, cmgs: CmgName[]): NodeMap[] {
  const { members } = memberships(context);
  return context
    .rows('SMS_BoundaryGroup', 'Name', 'GroupID')
    .sort((a, b) => byName(String(a.get('Name')), String(b.get('Name'))))
    .map((row) => {
      const group: NodeMap = { Name: context.read.text(row, 'Name')! };
      put(group, 'DefaultSiteCode', context.read.text(row, 'DefaultSiteCode'));
      const servers = new Map<string, string>();
      for (const member of members.filter((m) => m.group === row.get('Name'))) {
        const name = findCmg(cmgs, member.server)?.serviceName ?? member.server;
        if (!servers.has(name.toLowerCase())) servers.set(name.toLowerCase(), name);
      }
      if (servers.size)
        group.SiteSystems = new Sourced(
          [...servers.values()].sort(byName),
          'SMS_BoundaryGroupSiteSystems.ServerNALPath',
        );
      return group;
    });
}

/** The boundary groups holding any of a CMG's names, for its BoundaryGroups. */
export function boundaryGroupsHolding(context: ImportContext): (aliases: string[]) => Sourced | undefined {
  const { members } = memberships(context);
  return (aliases) => {
    const lower = new Set(aliases.flatMap((alias) => [alias.toLowerCase(), alias.toLowerCase().split('.')[0]!]));
    const groups = [...new Set(members.filter((m) => lower.has(m.server.toLowerCase())).map((m) => m.group))].sort(
      byName,
    );
    return groups.length ? new Sourced(groups, 'SMS_BoundaryGroupSiteSystems.ServerNALPath') : undefined;
  };
}

export function mapForests(context: ImportContext): NodeMap[] {
  const seen = new Map<string, Sourced>();
  for (const row of context.rows('SMS_ADForest', 'ForestFQDN')) {
    const fqdn = context.read.text(row, 'ForestFQDN')!;
    if (!seen.has(String(fqdn.value).toLowerCase())) seen.set(String(fqdn.value).toLowerCase(), fqdn);
  }
  return [...seen.values()]
    .sort((a, b) => byName(String(a.value), String(b.value)))
    .map((fqdn) => ({ ForestFqdn: fqdn }));
}
