/**
 * Builds the model the rules look at: the export's objects with the facts rules need already derived
 * (a site's top-tier flag, a role's site and HTTPS state, a CMG's connection points, a population's effective
 * client settings). Rules read these with CEL; deriving them once here keeps every rule short and data-only.
 *
 * Derived fields are camelCase; fields copied from the export keep Configuration Manager's PascalCase names.
 *
 * The model is built from exports the schema rejected as well (rules still report on the parts that are sound), so
 * nothing here may assume a shape: every value is read through list(), isMapLike(), text(), lower() or integer(),
 * which turn a value of the wrong kind into "nothing" instead of an exception (test/e2e/fuzz-model.test.ts).
 */
import type { Pointer } from '../findings.js';
import {
  CLIENT_AUTH_OID,
  ekuOid,
  isMapLike,
  lower,
  portRange,
  roleUsesHttps,
  rolePort,
  SERVER_AUTH_OID,
  text,
} from './facts.js';
import { cmgDeploymentFacts } from './derive/cmg-deployment.js';
import { deployedSettings, effectiveSettings } from './derive/client-settings.js';
import { buildDevices, inventoryOf, type Inventory } from './derive/devices.js';
import { linkConnectionEnds } from './derive/connection-ends.js';
import { linkDnsTargets } from './derive/dns-targets.js';
import { connectionAllows as networkAllows, connectionPointReach } from './derive/reachability.js';
import { originOf, sameOrigin, setOrigin } from './pointers.js';
import { isCurrentBranchVersion } from '../versions/version-facts.js';
import { celMap, toCel, type CelMap, type CelValue } from './to-cel.js';
import type {
  AzureServiceFacts,
  BoundaryGroupFacts,
  Certificate,
  CertificateFacts,
  ClientSettings,
  ClientSettingsFacts,
  CloudDistributionPoint,
  CloudDistributionPointFacts,
  Cmg,
  CmgFacts,
  Connection,
  ConnectionFacts,
  Content,
  ContentFacts,
  DnsRecordFacts,
  ExportFields,
  FeatureUse,
  FeatureUseFacts,
  Forest,
  ForestFacts,
  Hierarchy as HierarchyElement,
  HierarchyFacts,
  ModelCollections,
  NetworkDevice,
  NetworkDeviceFacts,
  Population,
  PopulationFacts,
  PortRange,
  Role,
  RoleFacts,
  Server,
  ServerFacts,
  Site,
  SiteFacts,
} from './model-types.js';

/** Any element of the model: its export fields (its declared facts are in its own type, src/model/model-types.ts). */
export type Element = ExportFields;
export { CLIENT_SETTING_KEYS } from './derive/client-settings.js';

/** The model, as declared in src/model/model-declaration.ts. */
export type Model = ModelCollections;

function list(value: CelValue | undefined): CelMap[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object' && !Array.isArray(v)) as CelMap[]) : [];
}

/**
 * An element of the model: the export object's fields, then the facts known now (F names them all, with their types:
 * facts linked later, such as a site's children, are set on the element by name).
 */
function derive<F>(raw: CelMap, facts: Partial<F>, pointer?: Pointer): ExportFields & F {
  const element = Object.assign(celMap(), raw, facts) as ExportFields & F;
  return pointer ? setOrigin(element, pointer) : sameOrigin(element, raw);
}

/**
 * Items by a key, each list in the items' order. The model links elements through these rather than by searching
 * every list for every element: an export with tens of thousands of sites, servers or populations stays linear.
 */
function groupBy<T>(items: readonly T[], key: (item: T) => unknown): Map<unknown, T[]> {
  const groups = new Map<unknown, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Issuers followed from a certificate: real chains have a handful; an export cannot make the model quadratic. */
const MAX_CHAIN = 32;

function byKey<T extends ExportFields>(items: T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k && !map.has(k)) map.set(k, item);
  }
  return map;
}

/**
 * The model, built section by section. Each section is its own function on purpose: V8 optimizes a function as a
 * whole, and one function of three hundred lines cost about a third of a second of compiling in a run of 1,000 small
 * exports (on a thread that competes with the lint for the cores), only to be thrown away at its first unusual export.
 */
export function buildModel(data: unknown): Model {
  // The inventory (devices[]) can hold hundreds of thousands of devices: the model makes its device elements from
  // the export directly, and export.devices is copied for CEL only if a rule reads it.
  const exp = (toCel(data ?? {}, [], ['devices']) as CelMap) ?? celMap();
  const hierarchy = buildSites(exp);
  const pki = buildCertificates(exp);
  const lookups: Lookups = { hierarchy, pki };
  const forests = buildForests(exp);
  const { servers, roles } = buildServers(exp, lookups);
  linkServers(hierarchy.sites, servers, roles);
  const cloud = buildCmgs(exp, lookups, roles);
  const cloudDistributionPoints = list(exp.cloudDistributionPoints).map((raw) =>
    derive<CloudDistributionPointFacts>(raw, {
      name: lower(raw.ServiceName),
      isNew: raw.Lifecycle === 'New',
      ...siteFacts(hierarchy, raw.SiteCode),
      ...certFacts(pki, 'serviceCertificate', raw.ServiceCertificate),
    }),
  );
  const azureServices = list(exp.azureServices).map((raw) =>
    derive<AzureServiceFacts>(raw, { isCloudManagement: raw.ServiceType === 'CloudManagement' }),
  );
  const boundaryGroups = list(exp.boundaryGroups).map((raw) =>
    derive<BoundaryGroupFacts>(raw, { name: lower(raw.Name) }),
  );
  const dnsRecords = list(((exp.dns ?? {}) as CelMap).records).map((raw) =>
    derive<DnsRecordFacts>(raw, { name: lower(raw.Name), value: lower(raw.Value), isPublic: raw.Zone !== 'Internal' }),
  );
  const network = (exp.network ?? {}) as CelMap;
  const networkDevices = buildNetworkDevices(network, lookups, servers, cloud);
  const connections = buildConnections(network);
  linkDnsTargets(dnsRecords, cloud.cmgs, servers);
  const clientSettings = list(exp.clientSettings).map((raw) =>
    derive<ClientSettingsFacts>(raw, {
      name: text(raw.ClientSettingName),
      isDefault: raw.Type === 'Default' || raw.ClientSettingName === 'Default Client Agent Settings',
    }),
  );
  const inventory = inventoryOf(data);
  const populations = buildPopulations(exp, lookups, cloud, clientSettings, inventory);
  linkPopulations(hierarchy.sites, roles, cloud, populations);
  const featureUses = buildFeatureUses(populations);
  const populationByName = byKey(populations, (p) => p.name);
  const devices = buildDevices(inventory, populationByName);
  const content = buildContent(exp, cloud, cloudDistributionPoints, populationByName);
  linkConnectionEnds(connections, { servers, cmgs: cloud.cmgs, populations, cloudDistributionPoints, networkDevices });
  for (const cp of cloud.connectionPoints) Object.assign(cp, connectionPointReach({ connections, populations }, cp));

  return {
    export: exp,
    sites: hierarchy.sites,
    servers,
    roles,
    connectionPoints: cloud.connectionPoints,
    cmgs: cloud.cmgs,
    cloudDistributionPoints,
    azureServices,
    boundaryGroups,
    forests,
    certificates: pki.certificates,
    dnsRecords,
    networkDevices,
    connections,
    clientSettings,
    populations,
    featureUses,
    devices,
    content,
    hierarchy: hierarchyFacts(hierarchy, network, populations),
  };
}

interface Hierarchy {
  sites: Site[];
  siteByCode: Map<string, Site>;
  topSite: Site | undefined;
  hierarchyVersion: bigint | undefined;
}

interface Pki {
  certificates: Certificate[];
  certById: Map<string, Certificate>;
}

/** What the sections after the first two look elements up in. */
interface Lookups {
  hierarchy: Hierarchy;
  pki: Pki;
}

interface CloudServices {
  connectionPoints: Role[];
  cmgs: Cmg[];
  /** A CMG by its service name or its deployment name; an absent name matches nothing. */
  cmgByAnyName: (name: CelValue | undefined) => Cmg | undefined;
}

function buildSites(exp: CelMap): Hierarchy {
  const hierarchyRaw = (exp.hierarchy ?? {}) as CelMap;
  const sites = list(hierarchyRaw.sites).map((raw) =>
    derive<SiteFacts>(raw, {
      code: lower(raw.SiteCode),
      isTopTier: raw.ParentSiteCode === undefined,
      isCas: raw.SiteType === 'Cas',
      isPrimary: raw.SiteType === 'Primary',
      isSecondary: raw.SiteType === 'Secondary',
    }),
  );
  const siteByCode = byKey(sites, (s) => s.code);
  const childrenOf = groupBy(sites, (s) => lower(s.ParentSiteCode));
  for (const site of sites) {
    const parent = siteByCode.get(lower(site.ParentSiteCode));
    if (parent) site.parent = parent;
    site.children = childrenOf.get(site.code) ?? [];
    site.isChildPrimary = site.isPrimary === true && parent?.isCas === true;
    site.isStandalonePrimary = site.isPrimary === true && site.isTopTier === true;
  }
  const topSites = sites.filter((s) => s.isTopTier);
  const topSite = topSites.find((s) => s.isCas) ?? topSites[0];
  // A stated Version that is not a current-branch version (a build number such as 9122, a month 13) is a broken fact
  // (validate-export.ts reports it): that site's version is unknown, never taken as newer than every release.
  const stated = (site: Site | undefined) => site?.Version !== undefined && site.Version !== null;
  const valid = (v: CelValue | undefined): v is bigint => typeof v === 'bigint' && isCurrentBranchVersion(v);
  const versions = sites.map((s) => s.Version).filter(valid);
  const hierarchyVersion = valid(topSite?.Version)
    ? (topSite!.Version as bigint)
    : stated(topSite)
      ? undefined
      : versions.length
        ? versions.reduce((a, b) => (a > b ? a : b))
        : undefined;
  for (const site of sites) {
    const version = valid(site.Version) ? site.Version : stated(site) ? undefined : hierarchyVersion;
    if (version !== undefined) site.version = version;
  }
  return { sites, siteByCode, topSite, hierarchyVersion };
}

/** The site an element names by its site code, and the version it runs (the site's, else the hierarchy's). */
function siteFacts(
  { siteByCode, hierarchyVersion }: Hierarchy,
  code: CelValue | undefined,
): { site?: Site; version?: bigint } {
  const site = siteByCode.get(lower(code));
  const facts: { site?: Site; version?: bigint } = {};
  if (site) facts.site = site;
  const version = site?.version ?? hierarchyVersion;
  if (version !== undefined) facts.version = version;
  return facts;
}

function buildCertificates(exp: CelMap): Pki {
  const pki = (exp.pki ?? {}) as CelMap;
  const certificates = list(pki.certificates).map((raw) => {
    const ekus = Array.isArray(raw.EnhancedKeyUsages) ? raw.EnhancedKeyUsages.map((e) => ekuOid(text(e))) : [];
    const names = [raw.SubjectName, ...(Array.isArray(raw.SubjectAlternativeNames) ? raw.SubjectAlternativeNames : [])]
      .filter((n): n is string => typeof n === 'string')
      .map(lower);
    return derive<CertificateFacts>(raw, {
      id: text(raw.Id),
      ekus,
      serverAuth: ekus.includes(SERVER_AUTH_OID),
      clientAuth: ekus.includes(CLIENT_AUTH_OID),
      names,
      isWildcard: typeof raw.SubjectName === 'string' && raw.SubjectName.startsWith('*.'),
    });
  });
  const certById = byKey(certificates, (c) => c.id);
  for (const cert of certificates) {
    // Follow IssuerCertificate links to build the chain, stopping at loops.
    const chain: Certificate[] = [];
    let next = certById.get(text(cert.IssuerCertificate ?? ''));
    while (next && chain.length < MAX_CHAIN && !chain.includes(next) && next !== cert) {
      chain.push(next);
      next = certById.get(text(next.IssuerCertificate ?? ''));
    }
    cert.chain = chain;
  }
  return { certificates, certById };
}

/** The certificate an element names by its id, under the fact's name; nothing when it names none the export has. */
function certFacts<N extends string>(
  { certById }: Pki,
  name: N,
  id: CelValue | undefined,
): { [fact in N]?: Certificate } {
  const cert = certById.get(text(id ?? ''));
  return cert ? ({ [name]: cert } as { [fact in N]: Certificate }) : {};
}

function buildForests(exp: CelMap): Forest[] {
  return list(((exp.activeDirectory ?? {}) as CelMap).forests).map((raw) =>
    derive<ForestFacts>(raw, {
      name: lower(raw.ForestFqdn),
      trusts: Array.isArray(raw.TrustedForests) ? raw.TrustedForests.map(lower) : [],
    }),
  );
}

/** Site systems, each with its roles (an element per role, which also lists the roles of every server). */
function buildServers(exp: CelMap, { hierarchy, pki }: Lookups): { servers: Server[]; roles: Role[] } {
  const roles: Role[] = [];
  const servers = list(exp.siteSystems).map((raw) => {
    const server = derive<ServerFacts>(raw, {
      name: lower(raw.SiteSystemServerName),
      isDomainMember: raw.Workgroup !== true && (typeof raw.DomainFqdn === 'string' || raw.Workgroup === false),
      ...siteFacts(hierarchy, raw.SiteCode),
      ...certFacts(pki, 'serverCertificate', raw.ServerCertificate),
      ...certFacts(pki, 'clientCertificate', raw.ClientCertificate),
    });
    const serverRoles = buildRoles(raw, server, hierarchy);
    for (const role of serverRoles) roles.push(role);
    server.allRoles = serverRoles;
    server.internetFacing = serverRoles.some((r) => r.acceptsInternet);
    return server;
  });
  return { servers, roles };
}

function buildRoles(raw: CelMap, server: Server, hierarchy: Hierarchy): Role[] {
  const roleMap = isMapLike(raw.roles) ? (raw.roles as CelMap) : celMap();
  const roles: Role[] = [];
  for (const [kind, value] of Object.entries(roleMap)) {
    const props = (isMapLike(value) ? value : celMap()) as CelMap;
    const connectionType = text(props.ClientConnectionType ?? 'Intranet');
    const https = roleUsesHttps(kind, props);
    const role = derive<RoleFacts>(
      props,
      {
        kind,
        server,
        serverName: server.name,
        SiteCode: raw.SiteCode ?? null,
        ...siteFacts(hierarchy, raw.SiteCode),
        connectionType,
        acceptsInternet: connectionType !== 'Intranet',
        acceptsIntranet: connectionType !== 'Internet',
        cmgTraffic: props.EnableCloudGateway === true,
        port: BigInt(rolePort(kind, props, https)),
      },
      [...(originOf(raw) ?? []), 'roles', kind],
    );
    if (https !== undefined) role.https = https;
    roles.push(role);
  }
  return roles;
}

function linkServers(sites: Site[], servers: Server[], roles: Role[]): void {
  const serversBySite = groupBy(servers, (s) => s.site);
  const rolesBySite = groupBy(roles, (r) => r.site);
  for (const site of sites) {
    site.servers = serversBySite.get(site) ?? [];
    site.roles = rolesBySite.get(site) ?? [];
  }
}

function buildCmgs(exp: CelMap, { hierarchy, pki }: Lookups, roles: Role[]): CloudServices {
  const connectionPoints = roles.filter((r) => r.kind === 'CloudManagementGatewayConnectionPoint');
  const cmgs = list(exp.cloudManagementGateways).map((raw) => {
    const instances = typeof raw.VMInstanceCount === 'bigint' ? raw.VMInstanceCount : 1n;
    return derive<CmgFacts>(raw, {
      name: lower(raw.ServiceName),
      instances,
      ...cmgDeploymentFacts(raw, instances),
      contentEnabled: raw.EnableCloudDPFunction === true,
      isNew: raw.Lifecycle === 'New',
      ...siteFacts(hierarchy, raw.SiteCode),
      ...certFacts(pki, 'serviceCertificate', raw.ServiceCertificate),
      ...certFacts(pki, 'managementCertificate', raw.ManagementCertificate),
      trustedCertificates: (Array.isArray(raw.CARootCert) ? raw.CARootCert : []).flatMap((id) =>
        pki.certById.get(text(id)) ? [pki.certById.get(text(id))!] : [],
      ),
    });
  });
  const cmgByName = byKey(cmgs, (c) => c.name);
  const cmgByDeploymentName = byKey(cmgs, (c) => lower(c.DeploymentName));
  const cmgByAnyName = (name: CelValue | undefined): Cmg | undefined =>
    // An absent name matches nothing (a CMG without DeploymentName must not match a population without
    // CloudManagementGateway).
    lower(name) === '' ? undefined : (cmgByName.get(lower(name)) ?? cmgByDeploymentName.get(lower(name)));
  for (const cp of connectionPoints) {
    const cmg = cmgByAnyName(cp.CloudManagementGatewayName);
    if (cmg) cp.cmg = cmg;
  }
  const connectionPointsByCmg = groupBy(connectionPoints, (cp) => cp.cmg);
  for (const cmg of cmgs) cmg.connectionPoints = connectionPointsByCmg.get(cmg) ?? [];
  const cmgsBySite = groupBy(cmgs, (c) => c.site);
  for (const site of hierarchy.sites) site.cmgs = cmgsBySite.get(site) ?? [];
  return { connectionPoints, cmgs, cmgByAnyName };
}

function buildNetworkDevices(
  network: CelMap,
  { pki }: Lookups,
  servers: Server[],
  { cmgByAnyName }: CloudServices,
): NetworkDevice[] {
  const serverByName = byKey(servers, (s) => s.name);
  return list(network.devices).map((raw) => {
    const front = Array.isArray(raw.FrontOf) ? raw.FrontOf.map(lower) : [];
    const frontServers = front.flatMap((n) => (serverByName.get(n) ? [serverByName.get(n)!] : []));
    const frontCmgs = front.flatMap((n) => (cmgByAnyName(n) ? [cmgByAnyName(n)!] : []));
    return derive<NetworkDeviceFacts>(raw, {
      name: text(raw.Name),
      servers: frontServers,
      frontCmgs,
      roles: frontServers.flatMap((s) => s.allRoles),
      ...certFacts(pki, 'certificate', raw.Certificate),
    });
  });
}

function buildConnections(network: CelMap): Connection[] {
  return list(network.connections).map((raw) =>
    derive<ConnectionFacts>(raw, {
      from: lower(raw.From),
      to: lower(raw.To),
      ranges: (Array.isArray(raw.Ports) ? raw.Ports : []).flatMap((p) => {
        const r = portRange(p);
        return r ? [{ from: BigInt(r.from), to: BigInt(r.to) } satisfies PortRange] : [];
      }),
    }),
  );
}

function buildPopulations(
  exp: CelMap,
  { hierarchy, pki }: Lookups,
  { cmgByAnyName }: CloudServices,
  clientSettings: ClientSettings[],
  inventory: Inventory,
): Population[] {
  const defaultSettings = clientSettings.find((s) => s.isDefault);
  const settingsByPopulation = deployedSettings(clientSettings);
  return list(exp.clientPopulations).map((raw) => {
    const name = text(raw.Name);
    const deviceCount = BigInt(inventory.countOf.get(name) ?? 0);
    const channels = Array.isArray(raw.Channels) ? raw.Channels.map(text) : [];
    const auth = Array.isArray(raw.Authentication) ? raw.Authentication.map(text) : [];
    return derive<PopulationFacts>(raw, {
      name,
      count: typeof raw.Count === 'bigint' ? raw.Count : deviceCount,
      channels,
      usesCmg: channels.includes('CMG'),
      usesIbcm: channels.includes('IBCM'),
      auth,
      settings: effectiveSettings(defaultSettings, settingsByPopulation.get(name) ?? []),
      ...siteFacts(hierarchy, raw.SiteCode),
      ...certFacts(pki, 'clientCertificate', raw.ClientCertificate),
      ...(cmgByAnyName(raw.CloudManagementGateway) ? { cmg: cmgByAnyName(raw.CloudManagementGateway)! } : {}),
    });
  });
}

/** Client counts per CMG, connection point and site, each site's IBCM use, and whether each role is on the IBCM path. */
function linkPopulations(
  sites: Site[],
  roles: Role[],
  { connectionPoints, cmgs }: CloudServices,
  populations: Population[],
): void {
  // A population names its CMG; with only one CMG, a population that uses a CMG without naming one uses that one.
  const populationsByCmg = groupBy(populations, (p) =>
    p.cmg === undefined && p.usesCmg && cmgs.length === 1 ? cmgs[0] : p.cmg,
  );
  for (const cmg of cmgs) {
    cmg.populations = populationsByCmg.get(cmg) ?? [];
    cmg.clientCount = cmg.populations.reduce((sum, p) => sum + p.count, 0n);
  }
  for (const cmg of cmgs) {
    // Clients of the connection point's CMG assigned to its site; a population without a site counts only when
    // every connection point of that CMG is at one site (otherwise where its clients go is unknown).
    const points = cmg.connectionPoints;
    const oneSite = new Set(points.map((cp) => cp.site)).size <= 1;
    const bySite = new Map<unknown, bigint>();
    let unsited = 0n;
    for (const p of cmg.populations) {
      if (p.site === undefined) unsited += p.count;
      else bySite.set(p.site, (bySite.get(p.site) ?? 0n) + p.count);
    }
    for (const cp of points)
      cp.clientCount = (oneSite ? unsited : 0n) + (cp.site === undefined ? 0n : (bySite.get(cp.site) ?? 0n));
  }
  for (const cp of connectionPoints) cp.clientCount ??= 0n;
  const populationsBySite = groupBy(populations, (p) => p.site);
  for (const site of sites) {
    site.populations = populationsBySite.get(site) ?? [];
    site.clientCount = site.populations.reduce((sum, p) => sum + p.count, 0n);
    site.usesIbcm =
      site.populations.some((p) => p.usesIbcm) || site.servers.some((s) => typeof s.PublicFqdn === 'string');
  }
  for (const role of roles) {
    const site = role.site;
    // A role that takes internet connections is on the IBCM path unless it only serves CMG traffic at a site without
    // IBCM clients.
    role.ibcm = role.acceptsInternet === true && (site?.usesIbcm === true || role.cmgTraffic !== true);
  }
}

function buildFeatureUses(populations: Population[]): FeatureUse[] {
  const featureUses: FeatureUse[] = [];
  for (const population of populations) {
    const uses = Array.isArray(population.Features) ? population.Features : [];
    uses.forEach((use, index) => {
      const pointer = [...(originOf(population) ?? []), 'Features', index];
      // A feature is named by a string or described by a mapping; anything else describes nothing.
      const facts =
        typeof use === 'string' ? ({ Feature: use } as CelMap) : isMapLike(use) ? (use as CelMap) : celMap();
      const channels = Array.isArray(facts.Channels) ? facts.Channels.map(text) : population.channels;
      const element = derive<FeatureUseFacts>(
        facts,
        {
          feature: text(facts.Feature),
          population,
          channels,
          viaCmg: channels.includes('CMG'),
          viaIbcm: channels.includes('IBCM'),
          ...(population.version !== undefined ? { version: population.version } : {}),
        },
        pointer,
      );
      featureUses.push(element);
    });
  }
  return featureUses;
}

function buildContent(
  exp: CelMap,
  { cmgByAnyName }: CloudServices,
  cloudDistributionPoints: CloudDistributionPoint[],
  populationByName: Map<string, Population>,
): Content[] {
  const cloudDistributionPointNames = new Set(cloudDistributionPoints.map((c) => c.name));
  return list(exp.content).map((raw) => {
    const targets = Array.isArray(raw.DistributedTo) ? raw.DistributedTo.map(lower) : [];
    const users = Array.isArray(raw.UsedBy) ? raw.UsedBy.map(text) : [];
    return derive<ContentFacts>(raw, {
      onCmg: targets.some((t) => cmgByAnyName(t)?.contentEnabled === true),
      onCloudDistributionPoint: targets.some((t) => cloudDistributionPointNames.has(t)),
      onCloud: targets.some((t) => cmgByAnyName(t)?.contentEnabled === true || cloudDistributionPointNames.has(t)),
      populations: users.flatMap((u) => (populationByName.get(u) ? [populationByName.get(u)!] : [])),
    });
  });
}

/** Facts about the whole design. */
function hierarchyFacts(
  { sites, topSite, hierarchyVersion }: Hierarchy,
  network: CelMap,
  populations: Population[],
): HierarchyElement {
  return setOrigin(
    derive<HierarchyFacts>(celMap(), {
      hasCas: sites.some((s) => s.isCas),
      siteCount: BigInt(sites.length),
      ...(topSite ? { topSite } : {}),
      ...(hierarchyVersion !== undefined ? { version: hierarchyVersion } : {}),
      hasNetworkConnections: Array.isArray(network.connections),
      hasNetworkDevices: Array.isArray(network.devices),
      hasPopulations: populations.length > 0,
    }),
    ['hierarchy'],
  );
}

/** True when `from` may open a connection to `to` on `port`, according to network.connections (derive/reachability.ts). */
export function connectionAllows(model: Model, from: string, to: string, port: bigint): boolean {
  return networkAllows(model, from, to, port);
}
