/* Generated from schemas/*.schema.json by `npm run generate`; do not edit. */
/**
 * A Configuration Manager site design, as exported for cmlint: the hierarchy, its site systems and roles, cloud management gateways, certificates, DNS, the network path from internet clients, client settings, client populations and the features they use over the internet. Setting names follow Configuration Manager's own (Set-CM* cmdlet parameters, DSC properties).
 */
export interface CmlintExport {
  /**
   * Path or URL of this schema, for editors.
   */
  $schema?: string;
  /**
   * Version of the export format. This schema describes version 1.
   */
  schemaVersion: 1;
  /**
   * Free text: what this export describes.
   */
  description?: string;
  hierarchy?: Hierarchy;
  /**
   * Site system servers and the roles they host (Get-CMSiteSystemServer, Get-CMSiteRole).
   */
  siteSystems?: SiteSystem[];
  /**
   * Azure services integration: the Cloud Management service with its Microsoft Entra ID (Azure AD) apps (Get-CMAzureService).
   */
  azureServices?: AzureService[];
  /**
   * Cloud management gateways (Get-CMCloudManagementGateway).
   */
  cloudManagementGateways?: CloudManagementGateway[];
  /**
   * Traditional cloud distribution points (Get-CMCloudDistributionPoint).
   */
  cloudDistributionPoints?: CloudDistributionPoint[];
  /**
   * Boundary groups (Get-CMBoundaryGroup).
   */
  boundaryGroups?: BoundaryGroup[];
  activeDirectory?: ActiveDirectory;
  pki?: Pki;
  dns?: Dns;
  network?: Network;
  /**
   * Client settings objects: the default client settings and custom device settings (Get-CMClientSetting).
   */
  clientSettings?: ClientSettings[];
  /**
   * Groups of clients that share how they are managed over the internet.
   */
  clientPopulations?: ClientPopulation[];
  /**
   * Optional per-device inventory. Each device belongs to a population and may override its facts.
   */
  devices?: Device[];
  /**
   * Content that internet clients need, and where it is distributed.
   */
  content?: Content[];
}
/**
 * The Configuration Manager hierarchy: its sites.
 */
export interface Hierarchy {
  sites?: Site[];
}
export interface Site {
  /**
   * Three-character site code.
   */
  SiteCode: string;
  SiteName?: string;
  /**
   * Central administration site, primary site or secondary site.
   */
  SiteType: 'Cas' | 'Primary' | 'Secondary';
  /**
   * Three-character site code.
   */
  ParentSiteCode?: string;
  /**
   * Configuration Manager current-branch version as YYMM with a month from 01 to 12, for example 2403; not the site's build number (9128, or 5.00.9128.1000 as Get-CMSite reports it), which cmlint reports with the version it stands for.
   */
  Version?: number;
  /**
   * Where the site is, for people (for example New York).
   */
  Location?: string;
  /**
   * Site properties, Communication Security: HTTPS only, or HTTPS or HTTP (Set-CMSite -ClientComputerCommunicationType).
   */
  ClientComputerCommunicationType?: 'HttpsOnly' | 'HttpsOrHttp';
  /**
   * "Use PKI client certificate (client authentication capability) when available" (Set-CMSite -UsePkiClientCertificate).
   */
  UsePkiClientCertificate?: boolean;
  /**
   * "Use Configuration Manager-generated certificates for HTTP site systems": Enhanced HTTP (Set-CMSite -UseSmsGeneratedCert).
   */
  UseSmsGeneratedCert?: boolean;
  /**
   * Clients check the certificate revocation list (CRL) for site systems.
   */
  ClientCheckCertificateRevocationListForSiteSystem?: boolean;
  /**
   * The site's certificate trust list: ids of trusted root CA certificates (pki.certificates). Empty or absent means every root is trusted.
   */
  TrustedRootCertificates?: string[];
  /**
   * Optional features enabled in Updates and Servicing > Features, for example CloudManagementGateway.
   */
  EnabledFeatures?: string[];
  /**
   * Raw IISSSLState bitmask from SMS_Site_Component_Manager, when exported beside the named settings.
   */
  IISSSLState?: number;
}
/**
 * A site system server and the roles it hosts (New-CMSiteSystemServer, Get-CMSiteRole).
 */
export interface SiteSystem {
  /**
   * The server's intranet FQDN.
   */
  SiteSystemServerName: string;
  /**
   * Three-character site code.
   */
  SiteCode: string;
  /**
   * Internet FQDN of the site system (Set-CMSiteSystemServer -PublicFqdn).
   */
  PublicFqdn?: string;
  /**
   * Active Directory domain the server is a member of.
   */
  DomainFqdn?: string;
  /**
   * Active Directory forest of that domain.
   */
  ForestFqdn?: string;
  /**
   * The server is in a workgroup, not an Active Directory domain.
   */
  Workgroup?: boolean;
  /**
   * Where the server sits: the intranet, a perimeter network (DMZ), directly on the internet, or in Azure.
   */
  NetworkLocation?: 'Intranet' | 'Perimeter' | 'Internet' | 'Azure';
  /**
   * Operating system, for example Windows Server 2022.
   */
  OperatingSystem?: string;
  /**
   * The server uses a proxy for the internet (Set-CMSiteSystemServer -EnableProxy).
   */
  EnableProxy?: boolean;
  ProxyServerName?: string;
  ProxyServerPort?: number;
  TcpDynamicPortRange?: TcpDynamicPortRange;
  /**
   * Id (in pki.certificates) of the server authentication certificate bound to IIS on this server.
   */
  ServerCertificate?: string;
  /**
   * Id (in pki.certificates) of the client authentication certificate in the server's computer store.
   */
  ClientCertificate?: string;
  /**
   * ASP.NET 4.5 (or later) is installed and enabled in IIS.
   */
  AspNet45Installed?: boolean;
  roles?: Roles;
}
/**
 * Windows TCP dynamic port range (netsh int ipv4 show dynamicport tcp). Windows' default is 49152 with 16384 ports.
 */
export interface TcpDynamicPortRange {
  StartPort?: number;
  NumberOfPorts?: number;
}
/**
 * The roles on this server, keyed by role (the noun of its Add-CM* cmdlet).
 */
export interface Roles {
  ManagementPoint?: ManagementPoint;
  DistributionPoint?: DistributionPoint;
  SoftwareUpdatePoint?: SoftwareUpdatePoint;
  FallbackStatusPoint?: FallbackStatusPoint;
  CloudManagementGatewayConnectionPoint?: CloudManagementGatewayConnectionPoint;
  ServiceConnectionPoint?: ServiceConnectionPoint;
  EnrollmentPoint?: GenericRole;
  EnrollmentProxyPoint?: GenericRole1;
  CertificateRegistrationPoint?: GenericRole2;
  ReportingServicePoint?: GenericRole3;
  ApplicationCatalogWebsitePoint?: GenericRole4;
  ApplicationCatalogWebServicePoint?: GenericRole5;
  StateMigrationPoint?: GenericRole6;
  SystemHealthValidatorPoint?: GenericRole7;
  EndpointProtectionPoint?: GenericRole8;
  AssetIntelligenceSynchronizationPoint?: GenericRole9;
  DataWarehouseServicePoint?: GenericRole10;
  SiteServer?: GenericRole11;
  SmsProvider?: GenericRole12;
  SiteDatabaseServer?: GenericRole13;
}
/**
 * RoleName 'SMS Management Point' (Set-CMManagementPoint).
 */
export interface ManagementPoint {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * Clients connect over HTTPS (-EnableSsl).
   */
  EnableSsl?: boolean;
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
  /**
   * Allow mobile devices and Mac computers (-AllowDevice).
   */
  AllowDevice?: boolean;
}
/**
 * RoleName 'SMS Distribution Point' (Set-CMDistributionPoint).
 */
export interface DistributionPoint {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * -ClientCommunicationType.
   */
  ClientCommunicationType?: 'Http' | 'Https';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
  EnableAnonymous?: boolean;
}
/**
 * RoleName 'SMS Software Update Point' (Set-CMSoftwareUpdatePoint).
 */
export interface SoftwareUpdatePoint {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * WSUS requires SSL (-WsusSsl; Set- uses -EnableSsl).
   */
  WsusSsl?: boolean;
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
  /**
   * WSUS HTTP port (default 8530).
   */
  WsusIisPort?: number;
  /**
   * WSUS HTTPS port (default 8531).
   */
  WsusIisSslPort?: number;
  /**
   * The software update point is behind a network load balancer (NLB) cluster.
   */
  NetworkLoadBalancer?: boolean;
  PublicVirtualIP?: string;
}
/**
 * RoleName 'SMS Fallback Status Point'.
 */
export interface FallbackStatusPoint {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
  StateMessageCount?: number;
  ThrottleSec?: number;
}
/**
 * RoleName 'SMS Cloud Proxy Connector' (Add-CMCloudManagementGatewayConnectionPoint).
 */
export interface CloudManagementGatewayConnectionPoint {
  /**
   * ServiceName of the CMG this connection point connects.
   */
  CloudManagementGatewayName: string;
}
/**
 * RoleName 'SMS Dmp Connector' (Set-CMServiceConnectionPoint).
 */
export interface ServiceConnectionPoint {
  Mode?: 'Online' | 'Offline';
}
/**
 * RoleName 'SMS Enrollment Server'.
 */
export interface GenericRole {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS Enrollment Web Site'.
 */
export interface GenericRole1 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS Certificate Registration Point' (removed in 2203).
 */
export interface GenericRole2 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS SRS Reporting Point'.
 */
export interface GenericRole3 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS Portal Web Site'.
 */
export interface GenericRole4 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS Application Web Service'.
 */
export interface GenericRole5 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS State Migration Point'.
 */
export interface GenericRole6 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS System Health Validator'.
 */
export interface GenericRole7 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS Endpoint Protection Point'.
 */
export interface GenericRole8 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'AI Update Service Point'.
 */
export interface GenericRole9 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS Data Warehouse Service Point'.
 */
export interface GenericRole10 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS Site Server'.
 */
export interface GenericRole11 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS Provider'.
 */
export interface GenericRole12 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
/**
 * RoleName 'SMS SQL Server'.
 */
export interface GenericRole13 {
  /**
   * Which client connections the role accepts (-ClientConnectionType). Configuration Manager's default is Intranet.
   */
  ClientConnectionType?: 'Intranet' | 'Internet' | 'InternetAndIntranet';
  /**
   * "Allow Configuration Manager cloud management gateway traffic" (-EnableCloudGateway; WMI AllowProxyTraffic).
   */
  EnableCloudGateway?: boolean;
}
export interface AzureService {
  Name: string;
  /**
   * Azure service kind; CloudManagement integrates the site with Microsoft Entra ID for CMG and clients.
   */
  ServiceType?: 'CloudManagement' | 'LogAnalyticsConnector' | 'MicrosoftStoreForBusiness' | 'Other';
  /**
   * Azure cloud (-EnvironmentSetting).
   */
  EnvironmentSetting?: 'AzurePublicCloud' | 'AzureUSGovernmentCloud' | 'AzureChinaCloud' | 'AzureGermanCloud';
  TenantId?: string;
  ServerApp?: EntraApp;
  ClientApp?: EntraApp;
  /**
   * Microsoft Entra user discovery is enabled.
   */
  UserDiscovery?: boolean;
}
export interface EntraApp {
  ClientId?: string;
  Name?: string;
  /**
   * Application ID URI (default https://ConfigMgrService).
   */
  AppIdUri?: string;
  /**
   * Expiry date of the app's client secret (YYYY-MM-DD).
   */
  SecretExpiresOn?: string;
}
export interface CloudManagementGateway {
  /**
   * Service FQDN that clients use, the common name of the server authentication certificate (-ServiceName), for example GraniteFalls.contoso.com.
   */
  ServiceName: string;
  /**
   * Azure deployment FQDN: <prefix>.cloudapp.net (classic, cloud service) or <prefix>.<region>.cloudapp.azure.com (virtual machine scale set).
   */
  DeploymentName?: string;
  /**
   * Three-character site code.
   */
  SiteCode: string;
  /**
   * Classic: Azure Service Manager cloud service with a management certificate (1810 and earlier). AzureResourceManager: cloud service (classic) deployed with Azure Resource Manager (1902 on). VirtualMachineScaleSet: virtual machine scale set (2010 on).
   */
  DeploymentModel?: 'Classic' | 'AzureResourceManager' | 'VirtualMachineScaleSet';
  /**
   * New: planned, not yet created. Existing: already deployed.
   */
  Lifecycle?: 'New' | 'Existing';
  /**
   * Configuration Manager current-branch version as YYMM with a month from 01 to 12, for example 2403; not the site's build number (9128, or 5.00.9128.1000 as Get-CMSite reports it), which cmlint reports with the version it stands for.
   */
  CreatedOnVersion?: number;
  SubscriptionId?: string;
  /**
   * Kind of Azure subscription: CloudSolutionProvider for a CSP subscription.
   */
  SubscriptionType?: 'EnterpriseAgreement' | 'PayAsYouGo' | 'CloudSolutionProvider' | 'Other';
  TenantId?: string;
  /**
   * Azure resource group (-GroupName).
   */
  GroupName?: string;
  /**
   * Azure region (-Region), for example EastUS.
   */
  Region?: string;
  /**
   * Azure cloud (-EnvironmentSetting).
   */
  EnvironmentSetting?: 'AzurePublicCloud' | 'AzureUSGovernmentCloud' | 'AzureChinaCloud' | 'AzureGermanCloud';
  /**
   * Resource providers registered in the subscription, for example Microsoft.Compute.
   */
  RegisteredResourceProviders?: string[];
  /**
   * VM size: Lab (B2s), Standard (A2_v2), Large (A4_v2). Standard when absent.
   */
  VMSSVMSize?: 'B2s' | 'A2_v2' | 'A4_v2';
  /**
   * Number of VM instances (-VMInstanceCount).
   */
  VMInstanceCount?: number;
  /**
   * Id (in pki.certificates) of the CMG server authentication certificate.
   */
  ServiceCertificate?: string;
  /**
   * Id (in pki.certificates) of the Azure management certificate (classic deployment).
   */
  ManagementCertificate?: string;
  /**
   * Ids (in pki.certificates) of the trusted root and intermediate CA certificates uploaded to the CMG (-CARootCert).
   */
  CARootCert?: string[];
  /**
   * "Verify client certificate revocation" (-CheckClientCertRevocation).
   */
  CheckClientCertRevocation?: boolean;
  /**
   * "Enforce TLS 1.2" (-EnforceProtocol).
   */
  EnforceProtocol?: boolean;
  /**
   * "Allow CMG to function as a cloud distribution point and serve content from Azure storage" (-EnableCloudDPFunction).
   */
  EnableCloudDPFunction?: boolean;
  /**
   * Client id of the Microsoft Entra ID server app (-ServerAppClientId); matches an azureServices server app.
   */
  ServerAppClientId?: string;
  /**
   * Boundary groups the CMG is associated with.
   */
  BoundaryGroups?: string[];
  DeployedBy?: CmgDeployer;
  Replaces?: CmgReplacement;
  ConvertedFrom?: CmgConversion;
}
/**
 * Who creates the CMG.
 */
export interface CmgDeployer {
  /**
   * Configuration Manager security roles of the administrator, for example Full Administrator, Infrastructure Administrator.
   */
  ConfigurationManagerRoles?: string[];
  /**
   * Azure and Entra ID roles available for the deployment, for example Subscription Owner, Global Administrator.
   */
  AzureRoles?: string[];
}
/**
 * This CMG replaces another one.
 */
export interface CmgReplacement {
  /**
   * ServiceName of the CMG being replaced.
   */
  ServiceName: string;
  KeepOldActiveUntilNewReady?: boolean;
  /**
   * Hours after the new CMG is ready that the old one is deleted.
   */
  DeleteOldAfterHours?: number;
}
/**
 * This CMG is a conversion of a classic CMG to a virtual machine scale set.
 */
export interface CmgConversion {
  /**
   * Deployment name of the CMG before conversion.
   */
  DeploymentName?: string;
}
export interface CloudDistributionPoint {
  ServiceName: string;
  DeploymentName?: string;
  /**
   * Three-character site code.
   */
  SiteCode: string;
  /**
   * New: planned, not yet created. Existing: already deployed.
   */
  Lifecycle?: 'New' | 'Existing';
  /**
   * Id (in pki.certificates) of the server authentication certificate.
   */
  ServiceCertificate?: string;
  /**
   * Azure cloud (-EnvironmentSetting).
   */
  EnvironmentSetting?: 'AzurePublicCloud' | 'AzureUSGovernmentCloud' | 'AzureChinaCloud' | 'AzureGermanCloud';
}
export interface BoundaryGroup {
  Name: string;
  /**
   * Three-character site code.
   */
  DefaultSiteCode?: string;
  /**
   * Site system server names (and CMG service names) in the group.
   */
  SiteSystems?: string[];
}
export interface ActiveDirectory {
  forests?: Forest[];
}
export interface Forest {
  ForestFqdn: string;
  /**
   * Forests whose accounts this forest trusts.
   */
  TrustedForests?: string[];
}
/**
 * Certificates that the design uses and how revocation information is published.
 */
export interface Pki {
  /**
   * The certificate revocation list of the CA that issues client certificates is published where internet clients and the CMG can reach it.
   */
  CrlPublishedOnInternet?: boolean;
  /**
   * CRL distribution point URLs.
   */
  CrlDistributionPoints?: string[];
  certificates?: Certificate[];
}
export interface Certificate {
  /**
   * Name that other parts of the export use to refer to this certificate.
   */
  Id: string;
  Description?: string;
  /**
   * Who holds it: a server name, a CMG, or a client population.
   */
  IssuedTo?: string;
  /**
   * Kind of issuer: an enterprise (internal) PKI, a public certificate provider, self-signed, or generated by Configuration Manager.
   */
  Issuer?: 'EnterpriseCA' | 'PublicCA' | 'SelfSigned' | 'ConfigurationManager';
  /**
   * Id of the issuing CA certificate (the next link of the chain).
   */
  IssuerCertificate?: string;
  /**
   * This is a CA certificate (root or intermediate).
   */
  IsCertificateAuthority?: boolean;
  /**
   * Subject common name (CN).
   */
  SubjectName?: string;
  /**
   * DNS names in the subject alternative name.
   */
  SubjectAlternativeNames?: string[];
  /**
   * EKU OIDs or names: 1.3.6.1.5.5.7.3.1 (Server Authentication), 1.3.6.1.5.5.7.3.2 (Client Authentication).
   */
  EnhancedKeyUsages?: string[];
  KeyAlgorithm?: 'RSA' | 'ECDSA';
  KeyLength?: number;
  /**
   * For example sha256RSA, sha1RSA.
   */
  SignatureAlgorithm?: string;
  /**
   * Expiry date (YYYY-MM-DD).
   */
  NotAfter?: string;
  /**
   * Certificate template name.
   */
  Template?: string;
}
export interface Dns {
  records?: DnsRecord[];
}
export interface DnsRecord {
  /**
   * Host name (FQDN).
   */
  Name: string;
  Type: 'A' | 'AAAA' | 'CNAME';
  /**
   * Address, or the CNAME target.
   */
  Value?: string;
  /**
   * Public DNS (resolvable from the internet) or internal DNS. Public when absent.
   */
  Zone?: 'Public' | 'Internal';
}
/**
 * The path between internet clients and the site: firewalls and web proxies, and the connections open through them.
 */
export interface Network {
  devices?: NetworkDevice[];
  /**
   * Connections the firewalls allow. Absent means the export says nothing about ports, and port rules are not evaluated.
   */
  connections?: NetworkConnection[];
}
export interface NetworkDevice {
  Name: string;
  Type: 'Firewall' | 'WebProxy' | 'ReverseProxy' | 'LoadBalancer' | 'WebApplicationFirewall';
  /**
   * For example Microsoft, F5, Citrix.
   */
  Vendor?: string;
  /**
   * For example BIG-IP, NetScaler.
   */
  Product?: string;
  /**
   * Where the device sits.
   */
  Location?: 'Intranet' | 'Perimeter' | 'Internet' | 'Azure';
  /**
   * What traffic through this device reaches: site system server names (SiteSystemServerName) or CMG service names.
   */
  FrontOf?: string[];
  /**
   * The device supports HTTP 1.1.
   */
  SupportsHttp11?: boolean;
  /**
   * MIME content types allowed through, for example multipart/mixed, application/octet-stream; * for any.
   */
  AllowedContentTypes?: string[];
  AllowedVerbs?: RoleKinds;
  AllowedHeaders?: RoleKinds1;
  /**
   * Bridging: SSL terminated and re-encrypted (SSL bridging to SSL). Tunneling: packets forwarded unopened. HttpToHttps / HttpsToHttp: bridging that changes the protocol.
   */
  SslMode?: 'Bridging' | 'Tunneling' | 'HttpToHttps' | 'HttpsToHttp' | 'None';
  /**
   * Id (in pki.certificates) of the certificate the device presents when it bridges SSL.
   */
  Certificate?: string;
}
/**
 * HTTP verbs allowed to each kind of role; * for any.
 */
export interface RoleKinds {
  ManagementPoint?: string[];
  DistributionPoint?: string[];
  FallbackStatusPoint?: string[];
  SoftwareUpdatePoint?: string[];
}
/**
 * HTTP headers allowed to each kind of role; * for any.
 */
export interface RoleKinds1 {
  ManagementPoint?: string[];
  DistributionPoint?: string[];
  FallbackStatusPoint?: string[];
  SoftwareUpdatePoint?: string[];
}
export interface NetworkConnection {
  /**
   * Seen from the on-premises network.
   */
  Direction?: 'Outbound' | 'Inbound';
  /**
   * Source: a server name, a client population name, or Internet (any internet client).
   */
  From: string;
  /**
   * Destination: a server name, a CMG service or deployment name, a host such as management.azure.com, a pattern such as *.blob.core.windows.net, or Azure (any Azure endpoint).
   */
  To: string;
  Protocol?: 'TCP' | 'HTTPS' | 'HTTP' | 'TCP-TLS';
  /**
   * Ports or ranges ("10140-10143").
   *
   * @minItems 1
   */
  Ports: [number | string, ...(number | string)[]];
  /**
   * Name of the proxy (network.devices) this connection goes through.
   */
  Via?: string;
  Purpose?: string;
}
/**
 * A client settings object (Get-CMClientSetting): the default client settings or a custom device setting. Unset values inherit the default client settings, whose own unset values are Configuration Manager's defaults.
 */
export interface ClientSettings {
  /**
   * Name; the default object is 'Default Client Agent Settings'.
   */
  ClientSettingName: string;
  /**
   * Default client settings, or custom device or user settings.
   */
  Type?: 'Default' | 'Device' | 'User';
  /**
   * Custom settings' priority (1 is highest).
   */
  Priority?: number;
  /**
   * Names of the client populations (or collections named like them) this custom setting is deployed to.
   */
  DeployedTo?: string[];
  /**
   * Cloud services: "Enable clients to use a cloud management gateway" (default Yes).
   */
  AllowCloudManagementGateway?: boolean;
  /**
   * Cloud services: "Allow access to cloud distribution point" (default Yes).
   */
  AllowCloudDistributionPoint?: boolean;
  /**
   * Automatically register new Windows 10 domain-joined devices with Microsoft Entra ID.
   */
  AutoAzureADJoin?: boolean;
  /**
   * Client policy polling interval in minutes (default 60).
   */
  PolicyPollingMins?: number;
  /**
   * "Enable user policy on clients" (user policy polling; default Yes).
   */
  EnableUserPolicy?: boolean;
  /**
   * "Enable user policy requests from Internet clients" (default No).
   */
  EnableUserPolicyOnInternet?: boolean;
  /**
   * Software updates: "Allow clients to download delta content when available".
   */
  EnableDeltaDownload?: boolean;
}
export interface ClientPopulation {
  Name: string;
  /**
   * Number of clients; the device inventory's count when absent.
   */
  Count?: number;
  /**
   * Three-character site code.
   */
  SiteCode?: string;
  OperatingSystem?: 'Windows' | 'WindowsServer' | 'macOS' | 'Linux' | 'Unix' | 'iOS' | 'Android' | 'WindowsMobile';
  /**
   * For Windows: 10, 11, 8.1 ...
   */
  OsVersion?: string;
  /**
   * How the devices are joined: on-premises Active Directory domain, hybrid Microsoft Entra joined, Microsoft Entra joined, or workgroup.
   */
  Identity?: 'ActiveDirectory' | 'HybridEntraId' | 'EntraId' | 'Workgroup';
  /**
   * Forest of the devices' and users' accounts.
   */
  ForestFqdn?: string;
  Authentication?: ('Pki' | 'EntraId' | 'Token')[];
  Network?: 'IPv4' | 'DualStack' | 'IPv6Only';
  /**
   * Chosen at client installation: always internet (CCMALWAYSINF=1) or roaming between intranet and internet.
   */
  ClientConnection?: 'InternetOnly' | 'InternetAndIntranet';
  /**
   * Mobile devices enrolled by Configuration Manager.
   */
  MobileDevice?: boolean;
  Channels?: ('CMG' | 'IBCM')[];
  /**
   * ServiceName of the CMG these clients use.
   */
  CloudManagementGateway?: string;
  /**
   * The devices reach the internet through a web proxy.
   */
  UsesProxy?: boolean;
  /**
   * User policy (user-targeted deployments) is wanted while on the internet.
   */
  WantsUserPolicy?: boolean;
  /**
   * Id (in pki.certificates) of the client authentication certificate the devices hold.
   */
  ClientCertificate?: string;
  /**
   * Validity of the bulk registration token used to install them (minutes).
   */
  BulkRegistrationTokenLifetimeMins?: number;
  /**
   * Management features used for these clients over the internet.
   */
  Features?: (
    | (
        | 'ClientPush'
        | 'SoftwareUpdateBasedClientInstallation'
        | 'ClientInstallation'
        | 'AutomaticSiteAssignment'
        | 'WakeOnLan'
        | 'OsDeployment'
        | 'TaskSequence'
        | 'RemoteControl'
        | 'UserSoftwareDeployment'
        | 'ClientRoaming'
        | 'SoftwareApprovalRequests'
        | 'ConfigurationManagerConsole'
        | 'ReportingWebsite'
        | 'PeerCache'
        | 'OnPremisesMdm'
        | 'BitLockerManagement'
        | 'EndpointProtection'
        | 'CoManagementNewDeviceProvisioning'
        | 'CoManagementAutoEnrollment'
        | 'SoftwareUpdates'
        | 'ApplicationDeployment'
        | 'Inventory'
        | 'ComplianceSettings'
        | 'SoftwareCenter'
      )
    | FeatureUse
  )[];
}
export interface FeatureUse {
  Feature:
    | 'ClientPush'
    | 'SoftwareUpdateBasedClientInstallation'
    | 'ClientInstallation'
    | 'AutomaticSiteAssignment'
    | 'WakeOnLan'
    | 'OsDeployment'
    | 'TaskSequence'
    | 'RemoteControl'
    | 'UserSoftwareDeployment'
    | 'ClientRoaming'
    | 'SoftwareApprovalRequests'
    | 'ConfigurationManagerConsole'
    | 'ReportingWebsite'
    | 'PeerCache'
    | 'OnPremisesMdm'
    | 'BitLockerManagement'
    | 'EndpointProtection'
    | 'CoManagementNewDeviceProvisioning'
    | 'CoManagementAutoEnrollment'
    | 'SoftwareUpdates'
    | 'ApplicationDeployment'
    | 'Inventory'
    | 'ComplianceSettings'
    | 'SoftwareCenter';
  /**
   * Channels this feature is used through; the population's channels when absent.
   */
  Channels?: ('CMG' | 'IBCM')[];
  /**
   * Task sequence: has a boot image.
   */
  UsesBootImage?: boolean;
  /**
   * Task sequence: deploys an operating system.
   */
  DeploysOperatingSystem?: boolean;
  /**
   * Task sequence deployment option.
   */
  DownloadOption?: 'DownloadAllContentLocally' | 'DownloadContentAsNeeded';
  /**
   * Task sequence: how it starts.
   */
  StartedFrom?: 'SoftwareCenter' | 'BootableMedia' | 'Pxe';
}
export interface Device {
  Name: string;
  /**
   * Name of the client population the device belongs to.
   */
  Population?: string;
  OperatingSystem?: 'Windows' | 'WindowsServer' | 'macOS' | 'Linux' | 'Unix' | 'iOS' | 'Android' | 'WindowsMobile';
  OsVersion?: string;
  /**
   * How the devices are joined: on-premises Active Directory domain, hybrid Microsoft Entra joined, Microsoft Entra joined, or workgroup.
   */
  Identity?: 'ActiveDirectory' | 'HybridEntraId' | 'EntraId' | 'Workgroup';
  Authentication?: ('Pki' | 'EntraId' | 'Token')[];
  Network?: 'IPv4' | 'DualStack' | 'IPv6Only';
}
/**
 * A piece of content (or a class of content) that internet clients need.
 */
export interface Content {
  Name: string;
  ContentType:
    | 'MicrosoftUpdates'
    | 'ThirdPartyUpdates'
    | 'Application'
    | 'Package'
    | 'OperatingSystemImage'
    | 'BootImage'
    | 'DriverPackage'
    | 'Microsoft365AppsUpdates'
    | 'TaskSequence';
  /**
   * Where the content is: CMG or cloud distribution point service names, or on-premises distribution point server names.
   */
  DistributedTo?: string[];
  /**
   * Client populations that need it on the internet.
   */
  UsedBy?: string[];
  /**
   * Special ways the content is delivered.
   */
  Scenarios?: (
    'Pxe' | 'Multicast' | 'AppVStreaming' | 'Prestaged' | 'AlternateContentProvider' | 'RunFromDistributionPoint'
  )[];
}
