/**
 * Client settings: the default object (SMS_ClientSettingsDefault) and custom ones (SMS_ClientSettings), their agent
 * settings (the lazy, embedded AgentConfigurations: SMS_CloudAgentConfig, SMS_PolicyAgentConfig,
 * SMS_SoftwareUpdatesAgentConfig) and the collections they are deployed to (SMS_ClientSettingsAssignment).
 */
import { byName, type ImportContext } from './context.js';
import { isRecord, Row } from './row.js';
import { type NodeMap, put, Sourced } from './sourced.js';

/** Export field, agent setting property, value kind. */
const AGENT_SETTINGS: readonly [string, string, 'boolean' | 'integer'][] = [
  ['AllowCloudManagementGateway', 'AllowCMG', 'boolean'],
  ['AllowCloudDistributionPoint', 'AllowCloudDP', 'boolean'],
  ['AutoAzureADJoin', 'AutoAADJoin', 'boolean'],
  ['PolicyPollingMins', 'PolicyRequestAssignmentTimeout', 'integer'],
  ['EnableUserPolicy', 'PolicyEnableUserPolicyPolling', 'boolean'],
  ['EnableUserPolicyOnInternet', 'PolicyEnableUserPolicyOnInternet', 'boolean'],
  ['EnableDeltaDownload', 'EnableExpressUpdates', 'boolean'],
];

const TYPES: Record<number, string> = { 1: 'Device', 2: 'User' };

export function mapClientSettings(context: ImportContext): NodeMap[] {
  const out: NodeMap[] = [];
  for (const row of context.rows('SMS_ClientSettingsDefault')) {
    const setting: NodeMap = {
      ClientSettingName:
        context.read.text(row, 'Name') ??
        new Sourced('Default Client Agent Settings', 'SMS_ClientSettingsDefault (the default object)'),
      Type: new Sourced('Default', 'SMS_ClientSettingsDefault'),
    };
    Object.assign(setting, agentSettings(context, row, 'SMS_ClientSettingsDefault'));
    out.push(setting);
  }
  const assignments = context.rows('SMS_ClientSettingsAssignment', 'ClientSettingsID', 'CollectionName');
  const custom = context
    .rows('SMS_ClientSettings', 'Name')
    .sort((a, b) => priority(a) - priority(b) || byName(String(a.get('Name')), String(b.get('Name'))));
  for (const row of custom) {
    const name = context.read.text(row, 'Name')!;
    const setting: NodeMap = { ClientSettingName: name };
    const type = context.read.integer(row, 'Type');
    if (type && TYPES[type.value as number])
      setting.Type = new Sourced(TYPES[type.value as number]!, `${type.source} ${type.value}`);
    else if (type) context.read.unknown(type.source, type.value, '1 device, 2 user', `client setting ${name.value}`);
    put(setting, 'Priority', context.read.integer(row, 'Priority'));
    const id = String(row.get('SettingsID') ?? '');
    const collections = [
      ...new Set(
        assignments.filter((a) => String(a.get('ClientSettingsID')) === id).map((a) => String(a.get('CollectionName'))),
      ),
    ].sort(byName);
    if (collections.length)
      setting.DeployedTo = new Sourced(collections, 'SMS_ClientSettingsAssignment.CollectionName');
    Object.assign(setting, agentSettings(context, row, `SMS_ClientSettings[${String(name.value)}]`));
    out.push(setting);
  }
  return out;
}

function priority(row: Row): number {
  const value = Number(row.get('Priority'));
  return Number.isFinite(value) ? value : Number.MAX_SAFE_INTEGER;
}

function agentSettings(context: ImportContext, row: Row, label: string): NodeMap {
  const out: NodeMap = {};
  const raw = row.get('AgentConfigurations');
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    // Custom settings hold only the groups they change; the default object holds them all.
    if (row.className === 'SMS_ClientSettingsDefault' || raw === undefined || raw === null) {
      context.warnings.add(
        `${label} has no AgentConfigurations: the lazy property was not loaded (collect each instance again); its agent settings are not imported`,
      );
    }
    return out;
  }
  const agents = (Array.isArray(raw) ? raw : [raw]).filter(isRecord).map((item) => new Row(agentClass(item), item));
  for (const [field, property, kind] of AGENT_SETTINGS) {
    const agent = agents.find((candidate) => candidate.has(property));
    if (!agent) continue;
    const source = `${label}.AgentConfigurations[${agent.className}].${property}`;
    put(
      out,
      field,
      kind === 'boolean'
        ? context.read.boolean(agent, property, source)
        : context.read.integer(agent, property, source),
    );
  }
  return out;
}

/** An embedded instance's class: `__CLASS` (WMI, the collector), `@odata.type` (AdminService), `CimClass.CimClassName`. */
function agentClass(item: Record<string, unknown>): string {
  const row = new Row('', item);
  const wmi = row.get('__CLASS');
  if (typeof wmi === 'string') return wmi;
  const odata = row.get('@odata.type');
  if (typeof odata === 'string') return odata.replace(/^#?(AdminService\.)?/, '');
  const cim = row.get('CimClass');
  if (isRecord(cim) && typeof new Row('', cim).get('CimClassName') === 'string')
    return String(new Row('', cim).get('CimClassName'));
  return 'agent';
}
