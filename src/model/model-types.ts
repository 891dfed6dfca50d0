/* Generated from src/model/model-declaration.ts by `npm run generate`; do not edit. */
import type { CelValue } from './to-cel.js';

/** An element's fields from the export (schemas/*.schema.json): read-only, as the model only adds declared facts. */
export type ExportFields = { readonly [field: string]: CelValue | undefined };

/** The facts the builder derives for a Hierarchy element. */
export interface HierarchyFacts {
  /** the hierarchy has a central administration site */
  hasCas: boolean;
  /** how many sites the export lists */
  siteCount: bigint;
  /** the CAS, else the standalone primary; absent if no site */
  topSite?: Site;
  /** the top-tier site's Version; absent when unknown */
  version?: bigint;
  /** the export lists network.connections */
  hasNetworkConnections: boolean;
  /** the export lists network.devices */
  hasNetworkDevices: boolean;
  /** the export lists at least one client population */
  hasPopulations: boolean;
}

/** Facts about the whole design. */
export type Hierarchy = ExportFields & HierarchyFacts;

/** The facts the builder derives for a Site element. */
export interface SiteFacts {
  /** SiteCode in lower case */
  code: string;
  /** no ParentSiteCode */
  isTopTier: boolean;
  /** a central administration site */
  isCas: boolean;
  /** a primary site */
  isPrimary: boolean;
  /** a secondary site */
  isSecondary: boolean;
  /** a primary site under a CAS */
  isChildPrimary: boolean;
  /** a primary site at the top tier */
  isStandalonePrimary: boolean;
  /** the site its ParentSiteCode names */
  parent?: Site;
  /** the sites under it */
  children: Site[];
  /** its Version, else the hierarchy version; absent when unknown */
  version?: bigint;
  /** its site system servers */
  servers: Server[];
  /** the roles of its servers */
  roles: Role[];
  /** the CMGs at the site */
  cmgs: Cmg[];
  /** the client populations assigned to it */
  populations: Population[];
  /** the clients of those populations */
  clientCount: bigint;
  /** a population of the site uses IBCM or a server has a PublicFqdn */
  usesIbcm: boolean;
}

/** A site of the hierarchy. */
export type Site = ExportFields & SiteFacts;

/** The facts the builder derives for a Server element. */
export interface ServerFacts {
  /** SiteSystemServerName in lower case */
  name: string;
  /** joined to a domain (not Workgroup) */
  isDomainMember: boolean;
  /** the site its SiteCode names */
  site?: Site;
  /** its site's Version, else the hierarchy's; absent when unknown */
  version?: bigint;
  /** the certificate its ServerCertificate names */
  serverCertificate?: Certificate;
  /** the certificate its ClientCertificate names */
  clientCertificate?: Certificate;
  /** its roles */
  allRoles: Role[];
  /** one of its roles accepts internet clients */
  internetFacing: boolean;
}

/** A site system server. */
export type Server = ExportFields & ServerFacts;

/** The facts the builder derives for a Role element. */
export interface RoleFacts {
  /** the role: ManagementPoint, DistributionPoint, SoftwareUpdatePoint, FallbackStatusPoint, CloudManagementGatewayConnectionPoint, ServiceConnectionPoint, ... */
  kind: string;
  /** the server that hosts it */
  server: Server;
  /** the server's name (lower case) */
  serverName: string;
  /** the server's SiteCode */
  SiteCode: CelValue;
  /** the site its SiteCode names */
  site?: Site;
  /** its site's Version, else the hierarchy's; absent when unknown */
  version?: bigint;
  /** ClientConnectionType; Intranet when unset */
  connectionType: string;
  /** accepts connections from internet clients */
  acceptsInternet: boolean;
  /** accepts connections from intranet clients */
  acceptsIntranet: boolean;
  /** EnableCloudGateway: serves CMG traffic */
  cmgTraffic: boolean;
  /** uses HTTPS (MP EnableSsl, SUP WsusSsl, DP ClientCommunicationType; FSP false); absent when unknown */
  https?: boolean;
  /** the port clients use (443 or 80, or the SUP's WSUS port) */
  port: bigint;
  /** accepts internet connections on the IBCM path */
  ibcm: boolean;
  /** connection points only: the CMG its CloudManagementGatewayName names */
  cmg?: Cmg;
  /** connection points only: clients of its CMG's populations assigned to its site (populations without a SiteCode count when all the CMG's connection points are at one site) */
  clientCount?: bigint;
  /** connection points only: network.connections open every TCP-TLS port of its CMG from its server to the CMG's service or deployment name, Azure or the Internet */
  reachesCmgTcpTls?: boolean;
  /** connection points only: network.connections open every HTTPS port of its CMG from its server to the CMG's service or deployment name, Azure or the Internet */
  reachesCmgHttps?: boolean;
}

/** A role of a site system server (siteSystems[].roles.<Kind>). */
export type Role = ExportFields & RoleFacts;

/** The facts the builder derives for a Cmg element. */
export interface CmgFacts {
  /** ServiceName in lower case */
  name: string;
  /** the site its SiteCode names */
  site?: Site;
  /** its site's Version, else the hierarchy's; absent when unknown */
  version?: bigint;
  /** VMInstanceCount; 1 when unset */
  instances: bigint;
  /** cloudService, scaleSet, unknown (nothing says) or unrecognized (a DeploymentModel cmlint does not know): from DeploymentModel, else a DeploymentName ending .cloudapp.net or .cloudapp.azure.com */
  deploymentKind: string;
  /** deploymentKind comes from DeploymentModel, not from the DeploymentName */
  deploymentKindStated: boolean;
  /** VMInstanceCount taken as 1 to 16: how many ports each channel of its connection points needs */
  instanceSlots: bigint;
  /** the first TCP-TLS port of its instances (10140) */
  tcpTlsPortFirst: bigint;
  /** the first HTTPS port of its instances (443 for one instance, else 10124) */
  httpsPortFirst: bigint;
  /** the TCP-TLS ports as text: 10140 or 10140-10143 */
  tcpTlsPorts: string;
  /** the HTTPS ports as text: 443 or 10124-10127 */
  httpsPorts: string;
  /** EnableCloudDPFunction: the CMG serves content */
  contentEnabled: boolean;
  /** Lifecycle is New (not yet deployed) */
  isNew: boolean;
  /** the certificate its ServiceCertificate names */
  serviceCertificate?: Certificate;
  /** the certificate its ManagementCertificate names */
  managementCertificate?: Certificate;
  /** the certificates its CARootCert names */
  trustedCertificates: Certificate[];
  /** its connection points */
  connectionPoints: Role[];
  /** the populations that use it (the only CMG, for a population that names none) */
  populations: Population[];
  /** the clients of those populations */
  clientCount: bigint;
}

/** A cloud management gateway. */
export type Cmg = ExportFields & CmgFacts;

/** The facts the builder derives for a CloudDistributionPoint element. */
export interface CloudDistributionPointFacts {
  /** ServiceName in lower case */
  name: string;
  /** Lifecycle is New */
  isNew: boolean;
  /** the site its SiteCode names */
  site?: Site;
  /** its site's Version, else the hierarchy's; absent when unknown */
  version?: bigint;
  /** the certificate its ServiceCertificate names */
  serviceCertificate?: Certificate;
}

/** A traditional cloud distribution point. */
export type CloudDistributionPoint = ExportFields & CloudDistributionPointFacts;

/** The facts the builder derives for a AzureService element. */
export interface AzureServiceFacts {
  /** ServiceType is CloudManagement */
  isCloudManagement: boolean;
}

/** An Azure service of the site. */
export type AzureService = ExportFields & AzureServiceFacts;

/** The facts the builder derives for a BoundaryGroup element. */
export interface BoundaryGroupFacts {
  /** Name in lower case */
  name: string;
}

/** A boundary group. */
export type BoundaryGroup = ExportFields & BoundaryGroupFacts;

/** The facts the builder derives for a Forest element. */
export interface ForestFacts {
  /** ForestFqdn in lower case */
  name: string;
  /** TrustedForests, lower case */
  trusts: string[];
}

/** An Active Directory forest. */
export type Forest = ExportFields & ForestFacts;

/** The facts the builder derives for a Certificate element. */
export interface CertificateFacts {
  /** Id */
  id: string;
  /** EnhancedKeyUsages as OIDs (names like "Server Authentication" normalised) */
  ekus: string[];
  /** has the Server Authentication EKU */
  serverAuth: boolean;
  /** has the Client Authentication EKU */
  clientAuth: boolean;
  /** SubjectName and SubjectAlternativeNames, lower case */
  names: string[];
  /** SubjectName starts with *. */
  isWildcard: boolean;
  /** its issuer certificates, nearest first */
  chain: Certificate[];
}

/** A certificate. */
export type Certificate = ExportFields & CertificateFacts;

/** The facts the builder derives for a DnsRecord element. */
export interface DnsRecordFacts {
  /** Name in lower case */
  name: string;
  /** Value in lower case */
  value: string;
  /** Zone is not Internal */
  isPublic: boolean;
  /** the CMG whose service or deployment name it is (a Cmg), else the internet-facing site system whose public FQDN or server name it is (a Server) */
  target?: CelValue;
}

/** A DNS record. */
export type DnsRecord = ExportFields & DnsRecordFacts;

/** The facts the builder derives for a NetworkDevice element. */
export interface NetworkDeviceFacts {
  /** Name */
  name: string;
  /** the servers it is in front of (FrontOf) */
  servers: Server[];
  /** the CMGs it is in front of (FrontOf) */
  frontCmgs: Cmg[];
  /** the roles on those servers */
  roles: Role[];
  /** the certificate its Certificate names */
  certificate?: Certificate;
}

/** A network device on the path from the internet. */
export type NetworkDevice = ExportFields & NetworkDeviceFacts;

/** The facts the builder derives for a Connection element. */
export interface ConnectionFacts {
  /** From in lower case */
  from: string;
  /** To in lower case */
  to: string;
  /** Ports as port ranges */
  ranges: PortRange[];
  /** what From names: a site system (Server, by name or public FQDN), a Cmg (service or deployment name), a Population, a CloudDistributionPoint or a NetworkDevice */
  source?: CelValue;
  /** what To names, as source does for From */
  destination?: CelValue;
  /** From is Azure, an Azure host or an Azure *. wildcard */
  sourceIsAzure: boolean;
  /** To is Azure, an Azure host or an Azure *. wildcard */
  destinationIsAzure: boolean;
}

/** A connection the network allows. */
export type Connection = ExportFields & ConnectionFacts;

/** The facts the builder derives for a ClientSettings element. */
export interface ClientSettingsFacts {
  /** ClientSettingName */
  name: string;
  /** the default client settings */
  isDefault: boolean;
}

/** A client settings object. */
export type ClientSettings = ExportFields & ClientSettingsFacts;

/** The facts the builder derives for a Population element. */
export interface PopulationFacts {
  /** Name */
  name: string;
  /** Count, else the inventory's device count */
  count: bigint;
  /** Channels */
  channels: string[];
  /** Channels include CMG */
  usesCmg: boolean;
  /** Channels include IBCM */
  usesIbcm: boolean;
  /** Authentication */
  auth: string[];
  /** the effective client settings */
  settings: EffectiveSettings;
  /** the site its SiteCode names */
  site?: Site;
  /** its site's Version, else the hierarchy's; absent when unknown */
  version?: bigint;
  /** the certificate its ClientCertificate names */
  clientCertificate?: Certificate;
  /** the CMG its CloudManagementGateway names */
  cmg?: Cmg;
}

/** A client population. */
export type Population = ExportFields & PopulationFacts;

/** The facts the builder derives for a FeatureUse element. */
export interface FeatureUseFacts {
  /** the feature */
  feature: string;
  /** the population that uses it */
  population: Population;
  /** the item's Channels, else the population's */
  channels: string[];
  /** used through the CMG */
  viaCmg: boolean;
  /** used through IBCM */
  viaIbcm: boolean;
  /** the population's version */
  version?: bigint;
}

/** A feature a population uses over the internet (an item of Features, with its own keys). */
export type FeatureUse = ExportFields & FeatureUseFacts;

/** The facts the builder derives for a Device element. */
export interface DeviceFacts {
  /** the population its Population names */
  population?: Population;
  /** the device's, else its population's */
  OperatingSystem?: CelValue;
  /** the device's, else its population's */
  OsVersion?: CelValue;
  /** the device's, else its population's */
  Identity?: CelValue;
  /** the device's, else its population's */
  Network?: CelValue;
  /** Authentication, else its population's */
  auth: string[];
  /** its population uses the CMG */
  usesCmg: boolean;
}

/** A device of the inventory. */
export type Device = ExportFields & DeviceFacts;

/** The facts the builder derives for a Content element. */
export interface ContentFacts {
  /** distributed to a CMG that serves content */
  onCmg: boolean;
  /** distributed to a cloud distribution point */
  onCloudDistributionPoint: boolean;
  /** distributed to either */
  onCloud: boolean;
  /** the populations its UsedBy names */
  populations: Population[];
}

/** A content item. */
export type Content = ExportFields & ContentFacts;

/** The facts the builder derives for a Export element. */
export interface ExportFacts {
}

/** The whole export, as the schemas describe it. */
export type Export = ExportFields & ExportFacts;

/** Client settings in effect for a population: Configuration Manager's defaults, then the default client settings, then custom settings deployed to the population (priority 1 applied last). */
export interface EffectiveSettings {
  /** clients may use a CMG (default true) */
  AllowCloudManagementGateway: CelValue;
  /** clients may use a cloud distribution point (default true) */
  AllowCloudDistributionPoint: CelValue;
  /** policy polling interval in minutes (default 60) */
  PolicyPollingMins: CelValue;
  /** user policy on (default true) */
  EnableUserPolicy: CelValue;
  /** user policy for internet clients (default false) */
  EnableUserPolicyOnInternet: CelValue;
  /** delta download (default false) */
  EnableDeltaDownload: CelValue;
  /** the keys some settings object sets */
  explicit: string[];
}

/** A range of ports. */
export interface PortRange {
  /** first port */
  from: bigint;
  /** last port */
  to: bigint;
}

/** The model: the CEL variables rules read. */
export interface ModelCollections {
  /** one element (the default for forEach) */
  hierarchy: Hierarchy;
  /** hierarchy.sites[] */
  sites: Site[];
  /** siteSystems[] */
  servers: Server[];
  /** every role of every server (siteSystems[].roles.<Kind>) */
  roles: Role[];
  /** the CloudManagementGatewayConnectionPoint roles (with cmg and clientCount) */
  connectionPoints: Role[];
  /** cloudManagementGateways[] */
  cmgs: Cmg[];
  /** cloudDistributionPoints[] */
  cloudDistributionPoints: CloudDistributionPoint[];
  /** azureServices[] */
  azureServices: AzureService[];
  /** boundaryGroups[] */
  boundaryGroups: BoundaryGroup[];
  /** activeDirectory.forests[] */
  forests: Forest[];
  /** pki.certificates[] */
  certificates: Certificate[];
  /** dns.records[] */
  dnsRecords: DnsRecord[];
  /** network.devices[] */
  networkDevices: NetworkDevice[];
  /** network.connections[] */
  connections: Connection[];
  /** clientSettings[] */
  clientSettings: ClientSettings[];
  /** clientPopulations[] */
  populations: Population[];
  /** every item of clientPopulations[].Features */
  featureUses: FeatureUse[];
  /** devices[] (inventory) */
  devices: Device[];
  /** content[] */
  content: Content[];
  /** the whole export */
  export: Export;
}
