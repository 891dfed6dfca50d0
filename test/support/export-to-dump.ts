/**
 * Turns an export into a dump, the way the SMS Provider of a site built like it would give it: the inverse of the
 * importer's mapping, written separately from it (from the class facts in ../shared/docs/collection.md), for the
 * round-trip test. Three forms: the AdminService's (`{"value": [...]}`, ISO dates, `@odata.type` on embedded
 * instances), Windows PowerShell 5.1's ConvertTo-Json (byte-order mark, `/Date(ms)/`, one object when one instance)
 * and PowerShell 7's (arrays, ISO dates with an offset).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION_FACTS } from '../../src/versions/version-facts.js';

export type DumpForm = 'adminservice' | 'ps51' | 'ps7';
type Obj = Record<string, any>;

const ROLE_NAMES: Record<string, string> = {
  ManagementPoint: 'SMS Management Point',
  DistributionPoint: 'SMS Distribution Point',
  SoftwareUpdatePoint: 'SMS Software Update Point',
  FallbackStatusPoint: 'SMS Fallback Status Point',
  CloudManagementGatewayConnectionPoint: 'SMS Cloud Proxy Connector',
  ServiceConnectionPoint: 'SMS Dmp Connector',
  SiteServer: 'SMS Site Server',
  SmsProvider: 'SMS Provider',
  SiteDatabaseServer: 'SMS SQL Server',
};

const prop = (name: string, value: number | null, value1 = '', value2 = '') => ({
  PropertyName: name,
  Value: value ?? 0,
  Value1: value1,
  Value2: value2,
});
const flag = (value: unknown) => (value ? 1 : 0);

export function dumpOfExport(data: Obj): Record<string, Obj[]> {
  const classes: Record<string, Obj[]> = {};
  const add = (name: string, row: Obj) => (classes[name] ??= []).push(row);
  const sites: Obj[] = data.hierarchy?.sites ?? [];
  const features = new Set<string>();
  for (const site of sites) {
    const build = VERSION_FACTS.find((f) => Number(f.version) === site.Version)?.buildNumber;
    add('SMS_Site', {
      SiteCode: site.SiteCode,
      SiteName: site.SiteName ?? '',
      Type: { Secondary: 1, Primary: 2, Cas: 4 }[site.SiteType as string],
      ReportingSiteCode: site.ParentSiteCode ?? '',
      BuildNumber: build,
      Version: `5.00.${build}.1000`,
      ServerName: `${site.SiteCode.toLowerCase()}-server`,
      Status: 1,
    });
    if (site.ClientComputerCommunicationType) {
      const bits =
        (site.ClientComputerCommunicationType === 'HttpsOnly' ? 31 : 192) +
        (site.ClientCheckCertificateRevocationListForSiteSystem ? 32 : 0) +
        (site.UsePkiClientCertificate && site.ClientComputerCommunicationType !== 'HttpsOnly' ? 256 : 0) +
        (site.UseSmsGeneratedCert ? 1024 : 0);
      add('SMS_SCI_Component', {
        ItemName: 'SMS_SITE_COMPONENT_MANAGER|SMS Site Server',
        ItemType: 'Component',
        SiteCode: site.SiteCode,
        Props: [prop('IISSSLState', bits)],
      });
    }
    for (const feature of site.EnabledFeatures ?? []) features.add(feature);
  }
  [...features].forEach((feature, index) =>
    add('SMS_CM_UpdateFeatures', {
      FeatureGUID: `feature-${index}`,
      Name: feature.replace(/([a-z])([A-Z])/g, '$1 $2'),
      Status: 1,
    }),
  );
  for (const system of data.siteSystems ?? []) {
    const server = system.SiteSystemServerName;
    const row = (roleName: string, extra: Obj = {}) => ({
      ItemName: `["Display=\\\\${server}\\"]MSWNET:["SMS_SITE=${system.SiteCode}"]\\\\${server}\\,${roleName}`,
      NALPath: `["Display=\\\\${server}\\"]MSWNET:["SMS_SITE=${system.SiteCode}"]\\\\${server}\\`,
      NetworkOSPath: `\\\\${server}`,
      RoleName: roleName,
      SiteCode: system.SiteCode,
      SslState: 0,
      ...extra,
    });
    add(
      'SMS_SCI_SysResUse',
      row('SMS Site System', {
        Props: [
          prop('Server Remote Public Name', 0, system.PublicFqdn ?? ''),
          prop('DomainFQDN', 0, system.DomainFqdn ?? ''),
          prop('ForestFQDN', 0, system.ForestFqdn ?? ''),
          prop('UseProxy', flag(system.EnableProxy)),
          prop('ProxyName', 0, '', system.ProxyServerName ?? ''),
          prop('ProxyServerPort', system.ProxyServerPort ?? 80),
          prop('UseMachineAccount', 1),
        ],
      }),
    );
    for (const [key, role] of Object.entries<Obj>(system.roles ?? {})) {
      const roleName = ROLE_NAMES[key];
      if (!roleName) continue;
      const internet = role.ClientConnectionType === 'Internet' || role.ClientConnectionType === 'InternetAndIntranet';
      const intranet = role.ClientConnectionType !== 'Internet';
      switch (key) {
        case 'ManagementPoint':
          add(
            'SMS_SCI_SysResUse',
            row(roleName, {
              SslState: role.EnableSsl ? 1 : 0,
              Props: [
                prop('MPInternetFacing', flag(internet)),
                prop('MPIntranetFacing', flag(intranet)),
                prop('AllowProxyTraffic', flag(role.EnableCloudGateway)),
              ],
            }),
          );
          break;
        case 'SoftwareUpdatePoint':
          add(
            'SMS_SCI_SysResUse',
            row(roleName, {
              Props: [
                prop('IsINF', flag(internet)),
                prop('IsIntranet', flag(intranet)),
                prop('SSLWSUS', flag(role.WsusSsl)),
                prop('AllowProxyTraffic', flag(role.EnableCloudGateway)),
                prop('WSUSIISPort', role.WsusIisPort ?? 8530),
                prop('WSUSIISSSLPort', role.WsusIisSslPort ?? 8531),
              ],
            }),
          );
          break;
        case 'DistributionPoint':
          add(
            'SMS_SCI_SysResUse',
            row(roleName, {
              Props:
                role.EnableAnonymous === undefined
                  ? [prop('LEDBATEnabled', 0)]
                  : [prop('IsAnonymousEnabled', flag(role.EnableAnonymous))],
            }),
          );
          add('SMS_DistributionPointInfo', {
            ServerName: server,
            SiteCode: system.SiteCode,
            InternetFacing: internet,
            Communication: role.ClientCommunicationType === 'Https' ? 1 : 0,
          });
          break;
        case 'ServiceConnectionPoint':
          add('SMS_SCI_SysResUse', row(roleName, { Props: [prop('OfflineMode', role.Mode === 'Offline' ? 1 : 0)] }));
          break;
        case 'CloudManagementGatewayConnectionPoint':
          add('SMS_SCI_SysResUse', row(roleName, { Props: [] }));
          add('SMS_CloudProxyConnector', {
            ServerName: server,
            SiteCode: system.SiteCode,
            ProxyServiceName: role.CloudManagementGatewayName,
          });
          break;
        default:
          add('SMS_SCI_SysResUse', row(roleName, { Props: [] }));
      }
    }
  }
  let groupId = 16777216;
  const groupIds = new Map<string, number>();
  for (const group of data.boundaryGroups ?? []) {
    groupIds.set(group.Name, ++groupId);
    add('SMS_BoundaryGroup', {
      GroupID: groupId,
      Name: group.Name,
      DefaultSiteCode: group.DefaultSiteCode ?? '',
      SiteSystemCount: (group.SiteSystems ?? []).length,
    });
    for (const server of group.SiteSystems ?? []) {
      add('SMS_BoundaryGroupSiteSystems', {
        GroupID: groupId,
        ServerNALPath: `["Display=\\\\${server}\\"]MSWNET:["SMS_SITE=${group.DefaultSiteCode ?? ''}"]\\\\${server}\\`,
        SiteCode: group.DefaultSiteCode ?? '',
      });
    }
  }
  for (const cmg of data.cloudManagementGateways ?? []) {
    add('SMS_AzureService', {
      AzureServiceID: 16777217 + (classes.SMS_AzureService?.length ?? 0),
      ServiceType: 'CloudProxyService',
      Name: String(cmg.ServiceName).split('.')[0],
      ServiceCName: cmg.ServiceName,
      Fqdn: cmg.DeploymentName ?? '',
      SiteCode: cmg.SiteCode,
      SubscriptionID: cmg.SubscriptionId ?? '',
      AffinityGroup: cmg.GroupName ?? '',
      Region: cmg.Region ?? '',
      AzureEnvironmentId: cmg.EnvironmentSetting === 'AzurePublicCloud' ? 1 : 0,
      DeploymentModel: 1,
      VmSize: cmg.VMSSVMSize ? `Standard_${cmg.VMSSVMSize}` : '',
      NumberOfInstances: cmg.VMInstanceCount ?? 1,
      ClientCertRevocationEnabled: !!cmg.CheckClientCertRevocation,
      ProxySecurityProtocol: cmg.EnforceProtocol ? 3072 : 3264,
      AADApplicationId: cmg.ServerAppClientId ?? '',
      State: 0,
    });
  }
  (data.azureServices ?? []).forEach((service: Obj, index: number) => {
    add('SMS_Azure_CloudService', {
      ID: index + 1,
      Name: service.Name,
      ServiceType: service.ServiceType === 'CloudManagement' ? 5 : 6,
    });
    if (service.TenantId) add('SMS_AAD_Tenant_Ex', { ID: index + 1, TenantID: service.TenantId, Name: 'Tenant' });
    for (const [app, client] of [
      [service.ServerApp, false],
      [service.ClientApp, true],
    ] as const) {
      if (!app) continue;
      add('SMS_AAD_Application_Ex', {
        ID: (classes.SMS_AAD_Application_Ex?.length ?? 0) + 1,
        TenantDB_ID: index + 1,
        ClientID: app.ClientId,
        Name: app.Name,
        IdentifierUri: app.AppIdUri ?? '',
        IsClientApp: client,
        ...(app.SecretExpiresOn ? { SecretKeyExpiry: new Date(`${app.SecretExpiresOn}T00:00:00Z`) } : {}),
      });
    }
  });
  for (const forest of data.activeDirectory?.forests ?? [])
    add('SMS_ADForest', { ForestID: 1, ForestFQDN: forest.ForestFqdn });
  let settingsId = 16777216;
  for (const setting of data.clientSettings ?? []) {
    const agents = [
      {
        __CLASS: 'SMS_CloudAgentConfig',
        AgentID: 22,
        ...def('AllowCMG', setting.AllowCloudManagementGateway),
        ...def('AllowCloudDP', setting.AllowCloudDistributionPoint),
        ...def('AutoAADJoin', setting.AutoAzureADJoin),
      },
      {
        __CLASS: 'SMS_PolicyAgentConfig',
        AgentID: 13,
        ...def('PolicyRequestAssignmentTimeout', setting.PolicyPollingMins),
        ...def('PolicyEnableUserPolicyPolling', setting.EnableUserPolicy),
        ...def('PolicyEnableUserPolicyOnInternet', setting.EnableUserPolicyOnInternet),
      },
      {
        __CLASS: 'SMS_SoftwareUpdatesAgentConfig',
        AgentID: 9,
        ...def('EnableExpressUpdates', setting.EnableDeltaDownload),
      },
    ].filter((agent) => Object.keys(agent).length > 2);
    if (setting.Type === 'Default') {
      add('SMS_ClientSettingsDefault', { SettingsID: 0, AgentConfigurations: agents });
      continue;
    }
    const id = ++settingsId;
    add('SMS_ClientSettings', {
      SettingsID: id,
      Name: setting.ClientSettingName,
      Type: setting.Type === 'User' ? 2 : 1,
      Priority: setting.Priority ?? 1,
      AgentConfigurations: agents,
    });
    for (const collection of setting.DeployedTo ?? [])
      add('SMS_ClientSettingsAssignment', {
        ClientSettingsID: id,
        CollectionName: collection,
        CollectionID: `SMS${id}`,
      });
  }
  let resource = 16777000;
  for (const population of data.clientPopulations ?? []) {
    const identity = population.Identity ?? 'ActiveDirectory';
    for (let i = 0; i < (population.Count ?? 0); i++) {
      add('SMS_CombinedDeviceResources', {
        ResourceID: ++resource,
        IsClient: true,
        SiteCode: population.SiteCode ?? '',
        Domain:
          identity === 'ActiveDirectory' || identity === 'HybridEntraId'
            ? (population.ForestFqdn ?? 'CORP').split('.')[0]!.toUpperCase()
            : 'WORKGROUP',
        AADDeviceID:
          identity === 'EntraId' || identity === 'HybridEntraId'
            ? `00000000-0000-0000-0000-${String(resource).padStart(12, '0')}`
            : '',
        ClientCertType: 1,
        IsAlwaysInternet: false,
        IsInternetEnabled: true,
      });
    }
  }
  return classes;
}

/** An agent setting when the design states it; a custom setting holds only what it changes. */
function def(name: string, value: unknown): Obj {
  return value === undefined ? {} : { [name]: value };
}

/** Writes the classes in one form; dates (Date objects) are written the way that form writes them. */
export function writeDump(dir: string, classes: Record<string, Obj[]>, form: DumpForm): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(classes)) {
    const converted = rows.map((row) => convert(row, form));
    let text: string;
    if (form === 'adminservice')
      text = JSON.stringify(
        { '@odata.context': `https://cm01.example/AdminService/wmi/$metadata#${name}`, value: converted },
        null,
        2,
      );
    else text = JSON.stringify(form === 'ps51' && converted.length === 1 ? converted[0] : converted, null, 2);
    writeFileSync(join(dir, `${name}.json`), form === 'ps51' ? `\ufeff${text.replace(/\n/g, '\r\n')}` : text);
  }
  return dir;
}

function convert(value: any, form: DumpForm): any {
  if (value instanceof Date) {
    if (form === 'ps51') return `/Date(${value.getTime()})/`;
    if (form === 'ps7') return value.toISOString().replace('Z', '+00:00');
    return value.toISOString();
  }
  if (Array.isArray(value)) return value.map((item) => convert(item, form));
  if (value !== null && typeof value === 'object') {
    const out: Obj = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '__CLASS' && form === 'adminservice') out['@odata.type'] = `#AdminService.${String(inner)}`;
      else out[key] = convert(inner, form);
    }
    return out;
  }
  return value;
}
