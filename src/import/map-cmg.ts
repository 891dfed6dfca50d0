/**
 * Cloud management gateways and cloud distribution points: SMS_AzureService rows with ServiceType
 * `CloudProxyService` (CMG) or `CloudDistributionPoint`.
 */
import { byName, type ImportContext, sameName } from './context.js';
import type { Row } from './row.js';
import { type NodeMap, put, Sourced } from './sourced.js';

/** A CMG as other classes name it: by its service name, its deployment name or its Azure service name. */
export interface CmgName {
  serviceName: string;
  aliases: string[];
}

function services(context: ImportContext, type: string): Row[] {
  return context
    .rows('SMS_AzureService', 'ServiceType')
    .filter((row) => sameName(row.get('ServiceType'), type))
    .sort((a, b) => byName(serviceNameOf(a) ?? '', serviceNameOf(b) ?? ''));
}

function serviceNameOf(row: Row): string | undefined {
  const name = row.get('ServiceCName') ?? row.get('Name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

export function cmgNames(context: ImportContext): CmgName[] {
  return services(context, 'CloudProxyService').flatMap((row) => {
    const serviceName = serviceNameOf(row);
    if (!serviceName) return [];
    const aliases = [row.get('Name'), row.get('Fqdn'), row.get('ServiceCName')].filter(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    return [{ serviceName, aliases }];
  });
}

/** The CMG a name refers to (case-insensitive; a bare first label matches too). */
export function findCmg(names: CmgName[], name: string): CmgName | undefined {
  const lower = name.toLowerCase();
  return names.find((cmg) =>
    cmg.aliases.some((alias) => alias.toLowerCase() === lower || alias.toLowerCase().split('.')[0] === lower),
  );
}

export function mapCmgs(context: ImportContext, boundaryGroupsOf: (names: string[]) => Sourced | undefined): NodeMap[] {
  const { read } = context;
  return services(context, 'CloudProxyService').flatMap((row) => {
    const name = read.text(row, 'ServiceCName') ?? read.text(row, 'Name');
    if (!name) {
      context.warnings.add('SMS_AzureService CloudProxyService instance without ServiceCName or Name; skipped');
      return [];
    }
    const cmg: NodeMap = { ServiceName: name };
    const fqdn = read.text(row, 'Fqdn');
    put(cmg, 'DeploymentName', fqdn);
    put(cmg, 'SiteCode', read.text(row, 'SiteCode'));
    put(cmg, 'DeploymentModel', deploymentModel(context, row, fqdn));
    // It is in the site database, so it exists: planned CMGs are written by hand.
    cmg.Lifecycle = new Sourced('Existing', 'SMS_AzureService (the CMG is deployed)');
    put(cmg, 'SubscriptionId', read.text(row, 'SubscriptionID'));
    put(cmg, 'GroupName', read.text(row, 'AffinityGroup'));
    put(cmg, 'Region', read.text(row, 'Region'));
    put(cmg, 'EnvironmentSetting', environment(context, row));
    put(cmg, 'VMSSVMSize', vmSize(context, row));
    put(cmg, 'VMInstanceCount', read.integer(row, 'NumberOfInstances'));
    put(cmg, 'CheckClientCertRevocation', read.boolean(row, 'ClientCertRevocationEnabled'));
    put(cmg, 'EnforceProtocol', enforceProtocol(context, row));
    const app = read.text(row, 'AADApplicationId');
    if (app && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(app.value)))
      cmg.ServerAppClientId = app;
    else if (app) read.unknown(app.source, app.value, 'the server app client id, a GUID', `CMG ${name.value}`);
    const aliases = [row.get('Name'), row.get('Fqdn'), row.get('ServiceCName')].filter(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    put(cmg, 'BoundaryGroups', boundaryGroupsOf(aliases));
    return [cmg];
  });
}

export function mapCloudDistributionPoints(context: ImportContext): NodeMap[] {
  const { read } = context;
  return services(context, 'CloudDistributionPoint').flatMap((row) => {
    const name = read.text(row, 'ServiceCName') ?? read.text(row, 'Name');
    if (!name) return [];
    const point: NodeMap = { ServiceName: name };
    put(point, 'DeploymentName', read.text(row, 'Fqdn'));
    put(point, 'SiteCode', read.text(row, 'SiteCode'));
    point.Lifecycle = new Sourced('Existing', 'SMS_AzureService (the cloud distribution point is deployed)');
    put(point, 'EnvironmentSetting', environment(context, row));
    return [point];
  });
}

/**
 * The deployment name tells the model (SDK; "CMG server authentication certificate"): `<name>.<region>.cloudapp.azure.com`
 * is a virtual machine scale set, `<name>.cloudapp.net` a cloud service, deployed with Azure Resource Manager when
 * DeploymentModel is 1 (DocumentCMCB).
 */
function deploymentModel(context: ImportContext, row: Row, fqdn: Sourced | undefined): Sourced | undefined {
  const name = String(fqdn?.value ?? '').toLowerCase();
  if (name.endsWith('.cloudapp.azure.com'))
    return new Sourced('VirtualMachineScaleSet', 'SMS_AzureService.Fqdn (*.cloudapp.azure.com)');
  const model = context.read.integer(row, 'DeploymentModel');
  if (name.endsWith('.cloudapp.net') && model?.value === 1)
    return new Sourced('AzureResourceManager', 'SMS_AzureService.Fqdn (*.cloudapp.net), DeploymentModel 1');
  context.read.unknown(
    'SMS_AzureService.Fqdn, DeploymentModel',
    `${fqdn?.value ?? ''}, ${model?.value ?? ''}`,
    '*.cloudapp.azure.com, or *.cloudapp.net with DeploymentModel 1',
    'DeploymentModel',
  );
  return undefined;
}

function environment(context: ImportContext, row: Row): Sourced | undefined {
  const id = context.read.integer(row, 'AzureEnvironmentId');
  if (!id) return undefined;
  if (id.value === 1) return new Sourced('AzurePublicCloud', `${id.source} 1`);
  context.read.unknown(id.source, id.value, '1 AzurePublicCloud', 'EnvironmentSetting');
  return undefined;
}

/** VmSize as Azure names it (`Standard_A2_v2`) or as the console shows it (`A2_v2`). */
function vmSize(context: ImportContext, row: Row): Sourced | undefined {
  const size = context.read.text(row, 'VmSize');
  if (!size) return undefined;
  const bare = String(size.value)
    .replace(/^standard_/i, '')
    .toLowerCase();
  const known = ['B2s', 'A2_v2', 'A4_v2'].find((name) => name.toLowerCase() === bare);
  if (known) return new Sourced(known, size.source);
  context.read.unknown(size.source, size.value, 'B2s, A2_v2, A4_v2', 'VMSSVMSize');
  return undefined;
}

/**
 * ProxySecurityProtocol is a .NET SecurityProtocolType mask: 3072 (TLS 1.2 alone) is "Enforce TLS 1.2"; a mask that
 * also holds TLS 1.0 (192) or 1.1 (768) is not.
 */
function enforceProtocol(context: ImportContext, row: Row): Sourced | undefined {
  const mask = context.read.integer(row, 'ProxySecurityProtocol');
  if (!mask) return undefined;
  const bits = mask.value as number;
  if (bits === 3072) return new Sourced(true, `${mask.source} 3072`);
  if ((bits & (192 | 768)) !== 0) return new Sourced(false, `${mask.source} ${bits}`);
  context.read.unknown(mask.source, bits, '3072 TLS 1.2 enforced, or a mask with 192 or 768', 'EnforceProtocol');
  return undefined;
}
