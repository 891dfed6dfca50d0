/**
 * Azure services (SMS_Azure_CloudService) with their Microsoft Entra tenant (SMS_AAD_Tenant_Ex) and apps
 * (SMS_AAD_Application_Ex). The link between a service and its apps is by tenant: with one tenant in the dump every
 * app belongs to it; with several, an app's TenantDB_ID names its tenant's ID.
 */
import { byName, type ImportContext, sameName } from './context.js';
import type { Row } from './row.js';
import { type NodeMap, put, Sourced } from './sourced.js';

/** SMS_Azure_CloudService.ServiceType: 5 is the Cloud Management service (DocumentCMCB). */
const SERVICE_TYPES: Record<number, string> = { 5: 'CloudManagement' };
const TYPE_NAMES = ['CloudManagement', 'LogAnalyticsConnector', 'MicrosoftStoreForBusiness', 'Other'];

export function mapAzureServices(context: ImportContext): NodeMap[] {
  const { read } = context;
  const tenants = context.rows('SMS_AAD_Tenant_Ex', 'TenantID');
  const apps = context.rows('SMS_AAD_Application_Ex', 'ClientID');
  const cloudManagement = context
    .rows('SMS_Azure_CloudService', 'Name')
    .filter((row) => serviceType(context, row)?.value === 'CloudManagement').length;
  return context
    .rows('SMS_Azure_CloudService', 'Name')
    .sort((a, b) => byName(String(a.get('Name')), String(b.get('Name'))))
    .map((row) => {
      const service: NodeMap = { Name: read.text(row, 'Name')! };
      const type = serviceType(context, row);
      put(service, 'ServiceType', type);
      if (type?.value !== 'CloudManagement') return service;
      const tenant = tenantOf(context, row, tenants);
      if (tenant) service.TenantId = read.text(tenant, 'TenantID')!;
      // One tenant, or no tenant class and one Cloud Management service: every app is this service's.
      const linkAll = tenants.length === 1 || (tenants.length === 0 && cloudManagement === 1);
      const own = apps.filter(
        (app) =>
          linkAll ||
          (tenant !== undefined && sameName(String(app.get('TenantDB_ID') ?? ''), String(tenant.get('ID') ?? ''))),
      );
      put(
        service,
        'ServerApp',
        app(context, own, false, String(service.Name instanceof Sourced ? service.Name.value : '')),
      );
      put(
        service,
        'ClientApp',
        app(context, own, true, String(service.Name instanceof Sourced ? service.Name.value : '')),
      );
      return service;
    });
}

function serviceType(context: ImportContext, row: Row): Sourced | undefined {
  const raw = row.get('ServiceType');
  if (typeof raw === 'string' && !/^\d+$/.test(raw)) {
    const known = TYPE_NAMES.find((name) => name.toLowerCase() === raw.toLowerCase());
    if (known) return new Sourced(known, 'SMS_Azure_CloudService.ServiceType');
  }
  const type = context.read.integer(row, 'ServiceType');
  if (!type) return undefined;
  const known = SERVICE_TYPES[type.value as number];
  if (known) return new Sourced(known, `${type.source} ${type.value}`);
  context.read.unknown(type.source, type.value, '5 CloudManagement', `Azure service ${String(row.get('Name'))}`);
  return undefined;
}

function tenantOf(context: ImportContext, service: Row, tenants: Row[]): Row | undefined {
  if (tenants.length === 1) return tenants[0];
  const id = service.get('TenantDB_ID');
  const match = tenants.find((tenant) => id !== undefined && String(tenant.get('ID')) === String(id));
  if (!match && tenants.length > 1)
    context.warnings.add(
      `Azure service ${String(service.get('Name'))}: ${tenants.length} tenants in SMS_AAD_Tenant_Ex and none linked to it; TenantId and apps left out`,
    );
  return match;
}

/** The server (web) app or the client (native) app: exactly one of each is expected. */
function app(context: ImportContext, apps: Row[], client: boolean, serviceName: string): NodeMap | undefined {
  const { read } = context;
  const kind = apps.filter((candidate) => read.boolean(candidate, 'IsClientApp')?.value === client);
  if (kind.length !== 1) {
    if (kind.length > 1)
      context.warnings.add(
        `Azure service ${serviceName}: ${kind.length} ${client ? 'client' : 'server'} apps in SMS_AAD_Application_Ex; ${client ? 'ClientApp' : 'ServerApp'} left out, write it in the overlay`,
      );
    return undefined;
  }
  const row = kind[0]!;
  const out: NodeMap = {};
  put(out, 'ClientId', read.text(row, 'ClientID'));
  put(out, 'Name', read.text(row, 'Name'));
  if (!client) {
    put(out, 'AppIdUri', read.text(row, 'IdentifierUri'));
    put(out, 'SecretExpiresOn', read.date(row, 'SecretKeyExpiry'));
  }
  return out;
}
