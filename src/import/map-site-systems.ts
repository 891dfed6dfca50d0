/**
 * Site system servers and their roles: SMS_SCI_SysResUse (one row per role per server, settings in embedded Props),
 * SMS_DistributionPointInfo for distribution points, SMS_CloudProxyConnector for the CMG a connection point serves.
 */
import { byName, type ImportContext, sameName } from './context.js';
import { type CmgName, findCmg } from './map-cmg.js';
import { ROLE_KEYS, ROLES_WITHOUT_KEY, roleKey } from './role-names.js';
import { type Row, serverFromPath } from './row.js';
import { type NodeMap, put, Sourced } from './sourced.js';

const SYS = 'SMS_SCI_SysResUse';

export function mapSiteSystems(context: ImportContext, cmgs: CmgName[]): NodeMap[] {
  const servers = new Map<string, { server: string; site: string; rows: Row[] }>();
  for (const row of context.rows(SYS, 'RoleName', 'SiteCode')) {
    const server = serverFromPath(row.get('NetworkOSPath')) ?? serverFromPath(row.get('NALPath'));
    if (!server) {
      context.read.unknown(
        `${SYS}.NetworkOSPath`,
        row.get('NetworkOSPath'),
        '\\\\server',
        `role ${String(row.get('RoleName'))}`,
      );
      continue;
    }
    const site = String(row.get('SiteCode'));
    const key = `${server.toLowerCase()}|${site.toLowerCase()}`;
    const entry = servers.get(key) ?? { server, site, rows: [] };
    entry.rows.push(row);
    servers.set(key, entry);
  }
  return [...servers.values()]
    .sort((a, b) => byName(a.server, b.server) || byName(a.site, b.site))
    .map(({ server, site, rows }) => siteSystem(context, cmgs, server, site, rows));
}

function siteSystem(context: ImportContext, cmgs: CmgName[], server: string, site: string, rows: Row[]): NodeMap {
  const system: NodeMap = {
    SiteSystemServerName: new Sourced(server, `${SYS}.NetworkOSPath`),
    SiteCode: new Sourced(site, `${SYS}.SiteCode`),
  };
  const siteSystemRow = rows.find((row) => sameName(row.get('RoleName'), 'SMS Site System'));
  if (siteSystemRow) {
    const props = propsOf(context, siteSystemRow, server);
    put(system, 'PublicFqdn', props.text('Server Remote Public Name', 'Value1'));
    put(system, 'DomainFqdn', props.text('DomainFQDN', 'Value1'));
    put(system, 'ForestFqdn', props.text('ForestFQDN', 'Value1'));
    const proxy = props.boolean('UseProxy');
    put(system, 'EnableProxy', proxy);
    if (proxy?.value === true) {
      put(system, 'ProxyServerName', props.text('ProxyName', 'Value2'));
      put(system, 'ProxyServerPort', props.integer('ProxyServerPort'));
    }
  }
  const roles: NodeMap = {};
  // Roles in the schema's order, then by name: never the dump's order.
  const rank = (row: Row) => {
    const index = Object.keys(ROLE_KEYS).findIndex((name) => sameName(name, row.get('RoleName')));
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const sorted = [...rows].sort(
    (a, b) => rank(a) - rank(b) || byName(String(a.get('RoleName')), String(b.get('RoleName'))),
  );
  for (const row of sorted) {
    const roleName = String(row.get('RoleName'));
    const key = roleKey(roleName);
    if (!key) {
      if (!ROLES_WITHOUT_KEY.has(roleName.toLowerCase()))
        context.warnings.add(`${SYS}.RoleName "${roleName}" on ${server} has no role in the export format; left out`);
      continue;
    }
    roles[key] = role(context, cmgs, key, row, server, site);
  }
  system.roles = roles;
  return system;
}

/** Reads `Props:<name>` of one role row, with the source named for the comment. */
function propsOf(context: ImportContext, row: Row, server: string) {
  const { read } = context;
  const embedded = row.get('Props');
  if (embedded === undefined || embedded === null || (Array.isArray(embedded) && embedded.length === 0)) {
    context.warnings.add(
      `${SYS} ${String(row.get('RoleName'))} on ${server} has no Props: the lazy property was not loaded (collect each instance again); its settings are not imported`,
    );
  }
  const source = (name: string, field: string) => `${SYS}[${String(row.get('RoleName'))}].Props[${name}].${field}`;
  return {
    text: (name: string, field = 'Value1') => read.text(row.prop(name), field, source(name, field)),
    integer: (name: string, field = 'Value') => read.integer(row.prop(name), field, source(name, field)),
    boolean: (name: string, field = 'Value') => read.boolean(row.prop(name), field, source(name, field)),
  };
}

function connectionType(
  context: ImportContext,
  internet: Sourced | undefined,
  intranet: Sourced | undefined,
  where: string,
): Sourced | undefined {
  if (!internet && !intranet) return undefined;
  const source = joinSources(internet, intranet);
  const onInternet = internet?.value === true;
  const onIntranet = intranet ? intranet.value === true : !onInternet;
  if (onInternet && onIntranet) return new Sourced('InternetAndIntranet', source);
  if (onInternet) return new Sourced('Internet', source);
  if (onIntranet) return new Sourced('Intranet', source);
  context.read.unknown(source, 'neither', 'internet, intranet or both', where);
  return undefined;
}

/** Two props of one row as one source: `...Props[MPInternetFacing, MPIntranetFacing].Value`. */
function joinSources(a: Sourced | undefined, b: Sourced | undefined): string {
  const first = a && /^(.*)\.Props\[([^\]]+)\]\.(\w+)$/.exec(a.source);
  const second = b && /\.Props\[([^\]]+)\]\.\w+$/.exec(b.source);
  if (first && second) return `${first[1]}.Props[${first[2]}, ${second[1]}].${first[3]}`;
  return [a?.source, b?.source].filter(Boolean).join(', ');
}

/** SslState: 0 HTTP, 1 HTTPS, 2 not applicable, 3 always HTTPS, 4 always HTTP (SDK). */
function sslState(context: ImportContext, row: Row, where: string): Sourced | undefined {
  const state = context.read.integer(row, 'SslState', `${SYS}[${String(row.get('RoleName'))}].SslState`);
  if (!state) return undefined;
  const https = { 0: false, 1: true, 3: true, 4: false }[state.value as number];
  if (https !== undefined) return new Sourced(https, `${state.source} ${state.value}`);
  context.read.unknown(state.source, state.value, '0 HTTP, 1 HTTPS, 3 always HTTPS, 4 always HTTP', where);
  return undefined;
}

function role(context: ImportContext, cmgs: CmgName[], key: string, row: Row, server: string, site: string): NodeMap {
  const where = `${key} on ${server}`;
  const out: NodeMap = {};
  switch (key) {
    case 'ManagementPoint': {
      const props = propsOf(context, row, server);
      put(
        out,
        'ClientConnectionType',
        connectionType(context, props.boolean('MPInternetFacing'), props.boolean('MPIntranetFacing'), where),
      );
      put(out, 'EnableSsl', sslState(context, row, where));
      put(out, 'EnableCloudGateway', props.boolean('AllowProxyTraffic'));
      break;
    }
    case 'SoftwareUpdatePoint': {
      const props = propsOf(context, row, server);
      put(
        out,
        'ClientConnectionType',
        connectionType(context, props.boolean('IsINF'), props.boolean('IsIntranet'), where),
      );
      put(out, 'WsusSsl', props.boolean('SSLWSUS'));
      put(out, 'EnableCloudGateway', props.boolean('AllowProxyTraffic'));
      put(out, 'WsusIisPort', props.integer('WSUSIISPort'));
      put(out, 'WsusIisSslPort', props.integer('WSUSIISSSLPort'));
      break;
    }
    case 'DistributionPoint':
      Object.assign(out, distributionPoint(context, row, server, site, where));
      break;
    case 'FallbackStatusPoint': {
      const props = propsOf(context, row, server);
      put(out, 'StateMessageCount', props.integer('Throttle Count'));
      const interval = props.integer('Throttle Interval');
      // Stored in milliseconds; the export (like the cmdlet) has seconds.
      if (interval)
        out.ThrottleSec = new Sourced(Math.round((interval.value as number) / 1000), `${interval.source} (ms / 1000)`);
      break;
    }
    case 'ServiceConnectionPoint': {
      const offline = propsOf(context, row, server).integer('OfflineMode');
      if (offline)
        out.Mode = new Sourced(offline.value === 0 ? 'Online' : 'Offline', `${offline.source} ${offline.value}`);
      break;
    }
    case 'CloudManagementGatewayConnectionPoint':
      put(out, 'CloudManagementGatewayName', connectedCmg(context, cmgs, server, site));
      break;
    default:
      break;
  }
  return out;
}

function distributionPoint(context: ImportContext, row: Row, server: string, site: string, where: string): NodeMap {
  const out: NodeMap = {};
  const info = context
    .rows('SMS_DistributionPointInfo', 'ServerName')
    .find(
      (candidate) =>
        sameName(candidate.get('ServerName'), server) &&
        (candidate.get('SiteCode') === undefined || sameName(candidate.get('SiteCode'), site)),
    );
  if (!info) {
    context.warnings.add(
      `no SMS_DistributionPointInfo row for the distribution point on ${server}; its connection type and HTTPS are not imported`,
    );
  } else {
    const internet = context.read.boolean(info, 'InternetFacing');
    if (internet?.value === false) out.ClientConnectionType = new Sourced('Intranet', `${internet.source} false`);
    else if (internet?.value === true) {
      // InternetFacing does not tell Internet from InternetAndIntranet; both accept internet clients.
      out.ClientConnectionType = new Sourced(
        'InternetAndIntranet',
        `${internet.source} true (Internet or InternetAndIntranet: check)`,
      );
      context.warnings.add(
        `${where}: SMS_DistributionPointInfo.InternetFacing is true, which does not tell Internet from InternetAndIntranet; InternetAndIntranet written, correct it in the overlay if the DP is internet-only`,
      );
    }
    const communication = context.read.integer(info, 'Communication');
    if (communication && (communication.value === 0 || communication.value === 1)) {
      out.ClientCommunicationType = new Sourced(
        communication.value === 1 ? 'Https' : 'Http',
        `${communication.source} ${communication.value}`,
      );
    } else if (communication) context.read.unknown(communication.source, communication.value, '0 HTTP, 1 HTTPS', where);
  }
  put(out, 'EnableAnonymous', propsOf(context, row, server).boolean('IsAnonymousEnabled'));
  return out;
}

/** SMS_CloudProxyConnector names the CMG each connection point serves (ProxyServiceName). */
function connectedCmg(context: ImportContext, cmgs: CmgName[], server: string, site: string): Sourced | undefined {
  const rows = context
    .rows('SMS_CloudProxyConnector', 'ServerName')
    .filter(
      (row) =>
        sameName(row.get('ServerName'), server) &&
        (row.get('SiteCode') === undefined || sameName(row.get('SiteCode'), site)),
    );
  const names = [...new Set(rows.map((row) => String(row.get('ProxyServiceName') ?? '')).filter(Boolean))];
  if (names.length === 1) {
    const cmg = findCmg(cmgs, names[0]!);
    return new Sourced(cmg?.serviceName ?? names[0]!, 'SMS_CloudProxyConnector.ProxyServiceName');
  }
  if (names.length === 0 && cmgs.length === 1) {
    context.warnings.add(
      `the CMG connection point on ${server} has no SMS_CloudProxyConnector row; it is linked to the only CMG in the dump, ${cmgs[0]!.serviceName}`,
    );
    return new Sourced(cmgs[0]!.serviceName, 'SMS_AzureService (the only CMG in the dump)');
  }
  context.warnings.add(
    `the CMG connection point on ${server}: SMS_CloudProxyConnector names ${names.length ? names.join(', ') : 'no CMG'}; CloudManagementGatewayName left out, write it in the overlay`,
  );
  return undefined;
}
