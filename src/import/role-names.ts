/**
 * SMS_SCI_SysResUse.RoleName to the export's role key (Get-CMSiteRole's role names; the schema names each role's
 * RoleName in its description, and a test checks the two agree).
 */
export const ROLE_KEYS: Readonly<Record<string, string>> = {
  'SMS Management Point': 'ManagementPoint',
  'SMS Distribution Point': 'DistributionPoint',
  'SMS Software Update Point': 'SoftwareUpdatePoint',
  'SMS Fallback Status Point': 'FallbackStatusPoint',
  'SMS Cloud Proxy Connector': 'CloudManagementGatewayConnectionPoint',
  'SMS Dmp Connector': 'ServiceConnectionPoint',
  'SMS Enrollment Server': 'EnrollmentPoint',
  'SMS Enrollment Web Site': 'EnrollmentProxyPoint',
  'SMS Certificate Registration Point': 'CertificateRegistrationPoint',
  'SMS SRS Reporting Point': 'ReportingServicePoint',
  'SMS Portal Web Site': 'ApplicationCatalogWebsitePoint',
  'SMS Application Web Service': 'ApplicationCatalogWebServicePoint',
  'SMS State Migration Point': 'StateMigrationPoint',
  'SMS System Health Validator': 'SystemHealthValidatorPoint',
  'SMS Endpoint Protection Point': 'EndpointProtectionPoint',
  'AI Update Service Point': 'AssetIntelligenceSynchronizationPoint',
  'SMS Data Warehouse Service Point': 'DataWarehouseServicePoint',
  'SMS Site Server': 'SiteServer',
  'SMS Provider': 'SmsProvider',
  'SMS SQL Server': 'SiteDatabaseServer',
};

/** Roles every site system has or that the export does not describe: not worth a warning. */
export const ROLES_WITHOUT_KEY = new Set([
  'sms site system',
  'sms component server',
  'sms executive',
  'sms notification server',
]);

export function roleKey(roleName: string): string | undefined {
  const lower = roleName.toLowerCase();
  return Object.entries(ROLE_KEYS).find(([name]) => name.toLowerCase() === lower)?.[1];
}
