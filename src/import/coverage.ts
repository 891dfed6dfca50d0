/**
 * What the import fills from a dump and what the administrator writes, per section of the export. The importer's
 * to-do blocks come from this table, and a test checks that for each section the three lists together are exactly
 * the schema's fields, so the shares it gives are true.
 */
export interface SectionCoverage {
  /** Where the section is in the export (list sections end in []). */
  readonly section: string;
  /** The schema of one item: schema file (schemas/<file>.schema.json) and JSON pointer in it ('' for its root). */
  readonly schema: readonly [file: string, pointer: string];
  /** Fields the importer fills from the dump (when the site has a value). */
  readonly collected: readonly string[];
  /** Fields the site cannot tell, which every item needs: each missing one is a to-do on the item. */
  readonly todo: readonly string[];
  /** Fields the administrator writes only where they apply (a replacement, a classic CMG, a note). */
  readonly whenItApplies: readonly string[];
  /** Why the site cannot tell the to-do fields. */
  readonly why: string;
}

export const COVERAGE: readonly SectionCoverage[] = [
  {
    section: 'hierarchy.sites[]',
    schema: ['hierarchy', '/definitions/site'],
    collected: [
      'SiteCode',
      'SiteName',
      'SiteType',
      'ParentSiteCode',
      'Version',
      'ClientComputerCommunicationType',
      'UsePkiClientCertificate',
      'UseSmsGeneratedCert',
      'ClientCheckCertificateRevocationListForSiteSystem',
      'EnabledFeatures',
      'IISSSLState',
    ],
    todo: ['TrustedRootCertificates'],
    whenItApplies: ['Location'],
    why: "the site's trusted root CAs are ids in pki.certificates, which the site does not hold",
  },
  {
    section: 'siteSystems[]',
    schema: ['site-systems', ''],
    collected: [
      'SiteSystemServerName',
      'SiteCode',
      'PublicFqdn',
      'DomainFqdn',
      'ForestFqdn',
      'EnableProxy',
      'ProxyServerName',
      'ProxyServerPort',
      'roles',
    ],
    todo: [
      'NetworkLocation',
      'OperatingSystem',
      'TcpDynamicPortRange',
      'ServerCertificate',
      'ClientCertificate',
      'AspNet45Installed',
    ],
    whenItApplies: ['Workgroup'],
    why: "the server's network location, Windows settings and certificate stores are outside the site database",
  },
  {
    section: 'azureServices[]',
    schema: ['azure', '/definitions/azureService'],
    collected: ['Name', 'ServiceType', 'TenantId', 'ServerApp', 'ClientApp'],
    todo: ['EnvironmentSetting', 'UserDiscovery'],
    whenItApplies: [],
    why: 'where the Azure service keeps its cloud and its user discovery setting is not settled by any source',
  },
  {
    section: 'cloudManagementGateways[]',
    schema: ['cmg', '/definitions/cloudManagementGateway'],
    collected: [
      'ServiceName',
      'DeploymentName',
      'SiteCode',
      'DeploymentModel',
      'Lifecycle',
      'SubscriptionId',
      'TenantId',
      'GroupName',
      'Region',
      'EnvironmentSetting',
      'VMSSVMSize',
      'VMInstanceCount',
      'CheckClientCertRevocation',
      'EnforceProtocol',
      'ServerAppClientId',
      'BoundaryGroups',
    ],
    todo: [
      'SubscriptionType',
      'RegisteredResourceProviders',
      'ServiceCertificate',
      'CARootCert',
      'EnableCloudDPFunction',
      'DeployedBy',
    ],
    whenItApplies: ['CreatedOnVersion', 'ManagementCertificate', 'Replaces', 'ConvertedFrom'],
    why: "the subscription's type and resource providers are Azure's, certificates are ids in pki.certificates, and no source names the property behind the content setting",
  },
  {
    section: 'cloudDistributionPoints[]',
    schema: ['cmg', '/definitions/cloudDistributionPoint'],
    collected: ['ServiceName', 'DeploymentName', 'SiteCode', 'Lifecycle', 'EnvironmentSetting'],
    todo: ['ServiceCertificate'],
    whenItApplies: [],
    why: 'certificates are ids in pki.certificates',
  },
  {
    section: 'boundaryGroups[]',
    schema: ['hierarchy', '/definitions/boundaryGroup'],
    collected: ['Name', 'DefaultSiteCode', 'SiteSystems'],
    todo: [],
    whenItApplies: [],
    why: '',
  },
  {
    section: 'activeDirectory.forests[]',
    schema: ['hierarchy', '/definitions/activeDirectory/properties/forests/items'],
    collected: ['ForestFqdn'],
    todo: [],
    whenItApplies: ['TrustedForests'],
    why: '',
  },
  {
    section: 'clientSettings[]',
    schema: ['client-settings', ''],
    collected: [
      'ClientSettingName',
      'Type',
      'Priority',
      'DeployedTo',
      'AllowCloudManagementGateway',
      'AllowCloudDistributionPoint',
      'AutoAzureADJoin',
      'PolicyPollingMins',
      'EnableUserPolicy',
      'EnableUserPolicyOnInternet',
      'EnableDeltaDownload',
    ],
    todo: [],
    whenItApplies: [],
    why: '',
  },
  {
    section: 'clientPopulations[]',
    schema: ['clients', '/definitions/clientPopulation'],
    collected: ['Name', 'Count', 'SiteCode', 'Identity'],
    todo: ['OperatingSystem', 'Authentication', 'Network', 'ClientConnection', 'Channels', 'Features'],
    whenItApplies: [
      'OsVersion',
      'ForestFqdn',
      'MobileDevice',
      'CloudManagementGateway',
      'UsesProxy',
      'WantsUserPolicy',
      'ClientCertificate',
      'BulkRegistrationTokenLifetimeMins',
    ],
    why: 'how a group of clients reaches the internet and what it uses there is a design decision, not a site setting',
  },
];

/** Whole sections the site cannot tell at all. */
export const ADMIN_SECTIONS: readonly [key: string, what: string][] = [
  [
    'pki',
    'certificates (CMG server authentication, trusted root and issuing CAs, web server and client certificates) and CRL publication',
  ],
  ['dns', 'public DNS records: the CMG service name and the CRL host'],
  [
    'network',
    'firewalls and proxies in front of internet clients, and the ports open between servers, clients, the CMG and Azure',
  ],
  ['content', 'the content internet clients need and where it is distributed'],
];

export function coverageOf(section: string): SectionCoverage | undefined {
  return COVERAGE.find((entry) => entry.section === section);
}

/**
 * Role settings the importer fills, per role (any other role is recorded as present, with no settings). Left to the
 * administrator: the management point's AllowDevice, the software update point's NetworkLoadBalancer and
 * PublicVirtualIP, the distribution point's EnableCloudGateway (its WMI property is not confirmed by any source), the
 * fallback status point's connection type and the generic roles' settings.
 */
export const ROLE_FIELDS_COLLECTED: Readonly<Record<string, readonly string[]>> = {
  ManagementPoint: ['ClientConnectionType', 'EnableSsl', 'EnableCloudGateway'],
  DistributionPoint: ['ClientConnectionType', 'ClientCommunicationType', 'EnableAnonymous'],
  SoftwareUpdatePoint: ['ClientConnectionType', 'WsusSsl', 'EnableCloudGateway', 'WsusIisPort', 'WsusIisSslPort'],
  FallbackStatusPoint: ['StateMessageCount', 'ThrottleSec'],
  CloudManagementGatewayConnectionPoint: ['CloudManagementGatewayName'],
  ServiceConnectionPoint: ['Mode'],
};
