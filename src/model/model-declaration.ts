/**
 * The model rules read, declared once: each collection (a CEL variable) and each element type with the facts the
 * builder derives (src/model/build.ts), by name, type and one line of meaning. The export's own fields are not
 * repeated here: an element has every field of its export object, as schemas/*.schema.json declare them at `from`.
 *
 * Generated from this file (`npm run generate`, fresh-checked by test/generated.test.ts):
 * - src/model/model-types.ts, the TypeScript types the builder fills;
 * - the model table of docs/rule-authoring.md;
 * - src/model/model-fields.ts, the export fields of each element (from the schemas), which the rule loader uses
 *   with the facts below to refuse a rule that names a field or collection the model does not have
 *   (src/rules/check-names.ts).
 *
 * Types are written as in CEL: `bool`, `int`, `string`, `dyn` (a value as the export gives it), `list<T>`, or the
 * name of an element type or record below. A type ending in `?` is absent when the fact is unknown (rules guard it
 * with `has()`). To add a derived fact: add one line to its element's `facts` here, run `npm run generate`, then set
 * it in the builder, where TypeScript now knows its name and type.
 */

export interface FactDeclaration {
  /** CEL type: bool, int, string, dyn, list<T>, an element or record name; `?` at the end when it may be absent. */
  type: string;
  /** One line: what the fact says. */
  meaning: string;
}

export interface ElementDeclaration {
  /** Where the element's export object is, as in the reference table: keys, `*` for every item or value. */
  from?: readonly string[];
  /** Export fields the builder gives an element beyond its schema (a feature named by a string gets `Feature`). */
  extraFields?: readonly string[];
  /** One line: what one element is. */
  meaning: string;
  facts: Readonly<Record<string, FactDeclaration>>;
}

export interface CollectionDeclaration {
  /** `list<Element>`, or an element name for a single element. */
  type: string;
  /** Which elements, in the words of the export. */
  elements: string;
}

const f = (type: string, meaning: string): FactDeclaration => ({ type, meaning });

/** Facts every element placed at a site has. */
const SITED = {
  site: f('Site?', 'the site its SiteCode names'),
  version: f('int?', "its site's Version, else the hierarchy's; absent when unknown"),
};

export const ELEMENTS = {
  Hierarchy: {
    meaning: 'Facts about the whole design.',
    facts: {
      hasCas: f('bool', 'the hierarchy has a central administration site'),
      siteCount: f('int', 'how many sites the export lists'),
      topSite: f('Site?', 'the CAS, else the standalone primary; absent if no site'),
      version: f('int?', "the top-tier site's Version; absent when unknown"),
      hasNetworkConnections: f('bool', 'the export lists network.connections'),
      hasNetworkDevices: f('bool', 'the export lists network.devices'),
      hasPopulations: f('bool', 'the export lists at least one client population'),
    },
  },
  Site: {
    from: ['hierarchy', 'sites', '*'],
    meaning: 'A site of the hierarchy.',
    facts: {
      code: f('string', 'SiteCode in lower case'),
      isTopTier: f('bool', 'no ParentSiteCode'),
      isCas: f('bool', 'a central administration site'),
      isPrimary: f('bool', 'a primary site'),
      isSecondary: f('bool', 'a secondary site'),
      isChildPrimary: f('bool', 'a primary site under a CAS'),
      isStandalonePrimary: f('bool', 'a primary site at the top tier'),
      parent: f('Site?', 'the site its ParentSiteCode names'),
      children: f('list<Site>', 'the sites under it'),
      version: f('int?', 'its Version, else the hierarchy version; absent when unknown'),
      servers: f('list<Server>', 'its site system servers'),
      roles: f('list<Role>', 'the roles of its servers'),
      cmgs: f('list<Cmg>', 'the CMGs at the site'),
      populations: f('list<Population>', 'the client populations assigned to it'),
      clientCount: f('int', 'the clients of those populations'),
      usesIbcm: f('bool', 'a population of the site uses IBCM or a server has a PublicFqdn'),
    },
  },
  Server: {
    from: ['siteSystems', '*'],
    meaning: 'A site system server.',
    facts: {
      name: f('string', 'SiteSystemServerName in lower case'),
      isDomainMember: f('bool', 'joined to a domain (not Workgroup)'),
      ...SITED,
      serverCertificate: f('Certificate?', 'the certificate its ServerCertificate names'),
      clientCertificate: f('Certificate?', 'the certificate its ClientCertificate names'),
      allRoles: f('list<Role>', 'its roles'),
      internetFacing: f('bool', 'one of its roles accepts internet clients'),
    },
  },
  Role: {
    from: ['siteSystems', '*', 'roles', '*'],
    meaning: 'A role of a site system server (siteSystems[].roles.<Kind>).',
    facts: {
      kind: f(
        'string',
        'the role: ManagementPoint, DistributionPoint, SoftwareUpdatePoint, FallbackStatusPoint, CloudManagementGatewayConnectionPoint, ServiceConnectionPoint, ...',
      ),
      server: f('Server', 'the server that hosts it'),
      serverName: f('string', "the server's name (lower case)"),
      SiteCode: f('dyn', "the server's SiteCode"),
      ...SITED,
      connectionType: f('string', 'ClientConnectionType; Intranet when unset'),
      acceptsInternet: f('bool', 'accepts connections from internet clients'),
      acceptsIntranet: f('bool', 'accepts connections from intranet clients'),
      cmgTraffic: f('bool', 'EnableCloudGateway: serves CMG traffic'),
      https: f(
        'bool?',
        'uses HTTPS (MP EnableSsl, SUP WsusSsl, DP ClientCommunicationType; FSP false); absent when unknown',
      ),
      port: f('int', "the port clients use (443 or 80, or the SUP's WSUS port)"),
      ibcm: f('bool', 'accepts internet connections on the IBCM path'),
      cmg: f('Cmg?', 'connection points only: the CMG its CloudManagementGatewayName names'),
      clientCount: f(
        'int?',
        "connection points only: clients of its CMG's populations assigned to its site (populations without a SiteCode count when all the CMG's connection points are at one site)",
      ),
      reachesCmgTcpTls: f(
        'bool?',
        "connection points only: network.connections open every TCP-TLS port of its CMG from its server to the CMG's service or deployment name, Azure or the Internet",
      ),
      reachesCmgHttps: f(
        'bool?',
        "connection points only: network.connections open every HTTPS port of its CMG from its server to the CMG's service or deployment name, Azure or the Internet",
      ),
    },
  },
  Cmg: {
    from: ['cloudManagementGateways', '*'],
    meaning: 'A cloud management gateway.',
    facts: {
      name: f('string', 'ServiceName in lower case'),
      ...SITED,
      instances: f('int', 'VMInstanceCount; 1 when unset'),
      deploymentKind: f(
        'string',
        'cloudService, scaleSet, unknown (nothing says) or unrecognized (a DeploymentModel cmlint does not know): from DeploymentModel, else a DeploymentName ending .cloudapp.net or .cloudapp.azure.com',
      ),
      deploymentKindStated: f('bool', 'deploymentKind comes from DeploymentModel, not from the DeploymentName'),
      instanceSlots: f(
        'int',
        'VMInstanceCount taken as 1 to 16: how many ports each channel of its connection points needs',
      ),
      tcpTlsPortFirst: f('int', 'the first TCP-TLS port of its instances (10140)'),
      httpsPortFirst: f('int', 'the first HTTPS port of its instances (443 for one instance, else 10124)'),
      tcpTlsPorts: f('string', 'the TCP-TLS ports as text: 10140 or 10140-10143'),
      httpsPorts: f('string', 'the HTTPS ports as text: 443 or 10124-10127'),
      contentEnabled: f('bool', 'EnableCloudDPFunction: the CMG serves content'),
      isNew: f('bool', 'Lifecycle is New (not yet deployed)'),
      serviceCertificate: f('Certificate?', 'the certificate its ServiceCertificate names'),
      managementCertificate: f('Certificate?', 'the certificate its ManagementCertificate names'),
      trustedCertificates: f('list<Certificate>', 'the certificates its CARootCert names'),
      connectionPoints: f('list<Role>', 'its connection points'),
      populations: f(
        'list<Population>',
        'the populations that use it (the only CMG, for a population that names none)',
      ),
      clientCount: f('int', 'the clients of those populations'),
    },
  },
  CloudDistributionPoint: {
    from: ['cloudDistributionPoints', '*'],
    meaning: 'A traditional cloud distribution point.',
    facts: {
      name: f('string', 'ServiceName in lower case'),
      isNew: f('bool', 'Lifecycle is New'),
      ...SITED,
      serviceCertificate: f('Certificate?', 'the certificate its ServiceCertificate names'),
    },
  },
  AzureService: {
    from: ['azureServices', '*'],
    meaning: 'An Azure service of the site.',
    facts: {
      isCloudManagement: f('bool', 'ServiceType is CloudManagement'),
    },
  },
  BoundaryGroup: {
    from: ['boundaryGroups', '*'],
    meaning: 'A boundary group.',
    facts: {
      name: f('string', 'Name in lower case'),
    },
  },
  Forest: {
    from: ['activeDirectory', 'forests', '*'],
    meaning: 'An Active Directory forest.',
    facts: {
      name: f('string', 'ForestFqdn in lower case'),
      trusts: f('list<string>', 'TrustedForests, lower case'),
    },
  },
  Certificate: {
    from: ['pki', 'certificates', '*'],
    meaning: 'A certificate.',
    facts: {
      id: f('string', 'Id'),
      ekus: f('list<string>', 'EnhancedKeyUsages as OIDs (names like "Server Authentication" normalised)'),
      serverAuth: f('bool', 'has the Server Authentication EKU'),
      clientAuth: f('bool', 'has the Client Authentication EKU'),
      names: f('list<string>', 'SubjectName and SubjectAlternativeNames, lower case'),
      isWildcard: f('bool', 'SubjectName starts with *.'),
      chain: f('list<Certificate>', 'its issuer certificates, nearest first'),
    },
  },
  DnsRecord: {
    from: ['dns', 'records', '*'],
    meaning: 'A DNS record.',
    facts: {
      name: f('string', 'Name in lower case'),
      value: f('string', 'Value in lower case'),
      isPublic: f('bool', 'Zone is not Internal'),
      target: f(
        'dyn?',
        'the CMG whose service or deployment name it is (a Cmg), else the internet-facing site system whose public FQDN or server name it is (a Server)',
      ),
    },
  },
  NetworkDevice: {
    from: ['network', 'devices', '*'],
    meaning: 'A network device on the path from the internet.',
    facts: {
      name: f('string', 'Name'),
      servers: f('list<Server>', 'the servers it is in front of (FrontOf)'),
      frontCmgs: f('list<Cmg>', 'the CMGs it is in front of (FrontOf)'),
      roles: f('list<Role>', 'the roles on those servers'),
      certificate: f('Certificate?', 'the certificate its Certificate names'),
    },
  },
  Connection: {
    from: ['network', 'connections', '*'],
    meaning: 'A connection the network allows.',
    facts: {
      from: f('string', 'From in lower case'),
      to: f('string', 'To in lower case'),
      ranges: f('list<PortRange>', 'Ports as port ranges'),
      source: f(
        'dyn?',
        'what From names: a site system (Server, by name or public FQDN), a Cmg (service or deployment name), a Population, a CloudDistributionPoint or a NetworkDevice',
      ),
      destination: f('dyn?', 'what To names, as source does for From'),
      sourceIsAzure: f('bool', 'From is Azure, an Azure host or an Azure *. wildcard'),
      destinationIsAzure: f('bool', 'To is Azure, an Azure host or an Azure *. wildcard'),
    },
  },
  ClientSettings: {
    from: ['clientSettings', '*'],
    meaning: 'A client settings object.',
    facts: {
      name: f('string', 'ClientSettingName'),
      isDefault: f('bool', 'the default client settings'),
    },
  },
  Population: {
    from: ['clientPopulations', '*'],
    meaning: 'A client population.',
    facts: {
      name: f('string', 'Name'),
      count: f('int', "Count, else the inventory's device count"),
      channels: f('list<string>', 'Channels'),
      usesCmg: f('bool', 'Channels include CMG'),
      usesIbcm: f('bool', 'Channels include IBCM'),
      auth: f('list<string>', 'Authentication'),
      settings: f('EffectiveSettings', 'the effective client settings'),
      ...SITED,
      clientCertificate: f('Certificate?', 'the certificate its ClientCertificate names'),
      cmg: f('Cmg?', 'the CMG its CloudManagementGateway names'),
    },
  },
  FeatureUse: {
    from: ['clientPopulations', '*', 'Features', '*'],
    extraFields: ['Feature'],
    meaning: 'A feature a population uses over the internet (an item of Features, with its own keys).',
    facts: {
      feature: f('string', 'the feature'),
      population: f('Population', 'the population that uses it'),
      channels: f('list<string>', "the item's Channels, else the population's"),
      viaCmg: f('bool', 'used through the CMG'),
      viaIbcm: f('bool', 'used through IBCM'),
      version: f('int?', "the population's version"),
    },
  },
  Device: {
    from: ['devices', '*'],
    meaning: 'A device of the inventory.',
    facts: {
      population: f('Population?', 'the population its Population names'),
      OperatingSystem: f('dyn?', "the device's, else its population's"),
      OsVersion: f('dyn?', "the device's, else its population's"),
      Identity: f('dyn?', "the device's, else its population's"),
      Network: f('dyn?', "the device's, else its population's"),
      auth: f('list<string>', "Authentication, else its population's"),
      usesCmg: f('bool', 'its population uses the CMG'),
    },
  },
  Content: {
    from: ['content', '*'],
    meaning: 'A content item.',
    facts: {
      onCmg: f('bool', 'distributed to a CMG that serves content'),
      onCloudDistributionPoint: f('bool', 'distributed to a cloud distribution point'),
      onCloud: f('bool', 'distributed to either'),
      populations: f('list<Population>', 'the populations its UsedBy names'),
    },
  },
  Export: {
    from: [],
    meaning: 'The whole export, as the schemas describe it.',
    facts: {},
  },
} as const satisfies Record<string, ElementDeclaration>;

/** Values inside elements that are not elements themselves. */
export const RECORDS = {
  EffectiveSettings: {
    meaning:
      "Client settings in effect for a population: Configuration Manager's defaults, then the default client settings, then custom settings deployed to the population (priority 1 applied last).",
    facts: {
      AllowCloudManagementGateway: f('dyn', 'clients may use a CMG (default true)'),
      AllowCloudDistributionPoint: f('dyn', 'clients may use a cloud distribution point (default true)'),
      PolicyPollingMins: f('dyn', 'policy polling interval in minutes (default 60)'),
      EnableUserPolicy: f('dyn', 'user policy on (default true)'),
      EnableUserPolicyOnInternet: f('dyn', 'user policy for internet clients (default false)'),
      EnableDeltaDownload: f('dyn', 'delta download (default false)'),
      explicit: f('list<string>', 'the keys some settings object sets'),
    },
  },
  PortRange: {
    meaning: 'A range of ports.',
    facts: {
      from: f('int', 'first port'),
      to: f('int', 'last port'),
    },
  },
} as const satisfies Record<string, { meaning: string; facts: Readonly<Record<string, FactDeclaration>> }>;

/** The model's variables, in the order the docs list them. */
export const COLLECTIONS = {
  hierarchy: { type: 'Hierarchy', elements: 'one element (the default for `forEach`)' },
  sites: { type: 'list<Site>', elements: '`hierarchy.sites[]`' },
  servers: { type: 'list<Server>', elements: '`siteSystems[]`' },
  roles: { type: 'list<Role>', elements: 'every role of every server (`siteSystems[].roles.<Kind>`)' },
  connectionPoints: {
    type: 'list<Role>',
    elements: 'the CloudManagementGatewayConnectionPoint roles (with `cmg` and `clientCount`)',
  },
  cmgs: { type: 'list<Cmg>', elements: '`cloudManagementGateways[]`' },
  cloudDistributionPoints: { type: 'list<CloudDistributionPoint>', elements: '`cloudDistributionPoints[]`' },
  azureServices: { type: 'list<AzureService>', elements: '`azureServices[]`' },
  boundaryGroups: { type: 'list<BoundaryGroup>', elements: '`boundaryGroups[]`' },
  forests: { type: 'list<Forest>', elements: '`activeDirectory.forests[]`' },
  certificates: { type: 'list<Certificate>', elements: '`pki.certificates[]`' },
  dnsRecords: { type: 'list<DnsRecord>', elements: '`dns.records[]`' },
  networkDevices: { type: 'list<NetworkDevice>', elements: '`network.devices[]`' },
  connections: { type: 'list<Connection>', elements: '`network.connections[]`' },
  clientSettings: { type: 'list<ClientSettings>', elements: '`clientSettings[]`' },
  populations: { type: 'list<Population>', elements: '`clientPopulations[]`' },
  featureUses: { type: 'list<FeatureUse>', elements: 'every item of `clientPopulations[].Features`' },
  devices: { type: 'list<Device>', elements: '`devices[]` (inventory)' },
  content: { type: 'list<Content>', elements: '`content[]`' },
  export: { type: 'Export', elements: 'the whole export' },
} as const satisfies Record<string, CollectionDeclaration>;

export type ElementName = keyof typeof ELEMENTS;
export type RecordName = keyof typeof RECORDS;
