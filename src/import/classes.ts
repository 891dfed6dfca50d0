/**
 * The SMS Provider classes a dump holds: the collector (collector/Export-CmlintSite.ps1) writes exactly these, and the
 * importer reads them. A test checks that the script's list and this one agree.
 */
export const DUMP_CLASSES = [
  'SMS_Site',
  'SMS_SCI_Component',
  'SMS_SCI_SysResUse',
  'SMS_DistributionPointInfo',
  'SMS_CM_UpdateFeatures',
  'SMS_AzureService',
  'SMS_CloudProxyConnector',
  'SMS_Azure_CloudService',
  'SMS_AAD_Application_Ex',
  'SMS_AAD_Tenant_Ex',
  'SMS_ClientSettings',
  'SMS_ClientSettingsDefault',
  'SMS_ClientSettingsAssignment',
  'SMS_BoundaryGroup',
  'SMS_BoundaryGroupSiteSystems',
  'SMS_ADForest',
  'SMS_CombinedDeviceResources',
] as const;

export type DumpClass = (typeof DUMP_CLASSES)[number];

/** The file a dump keeps its manifest in (collector version, time, provider, site code, per class count or error). */
export const MANIFEST_FILE = 'cmlint-manifest.json';
