/**
 * Which host names are Azure's: the one list the model's reachability (a connection to "Azure") and the topology's
 * Azure endpoints both use. The domains are those Microsoft's "Internet access requirements" for cloud services and the
 * CMG pages name, for the public cloud and the US Government cloud: cloud service and scale set names
 * (cloudapp.net, cloudapp.azure.com, usgovcloudapp.net), storage (core.windows.net, core.usgovcloudapi.net), key
 * vault and management (vault.azure.net, management.azure.com, usgovcloudapi.net, azure.us) and Microsoft Entra ID
 * sign-in (login.microsoftonline.com, login.microsoftonline.us).
 */
import { lower } from '../facts.js';

export const AZURE_DOMAINS: readonly string[] = [
  '.cloudapp.net',
  '.cloudapp.azure.com',
  '.windows.net',
  '.azure.com',
  '.azure.net',
  '.usgovcloudapp.net',
  '.usgovcloudapi.net',
  '.azure.us',
  '.microsoftonline.com',
  '.microsoftonline.us',
];

/** True for "Azure" itself, one of Azure's domains, or a host in one (case-insensitive). */
export function isAzureHost(host: string): boolean {
  const h = lower(host);
  return h === 'azure' || AZURE_DOMAINS.some((d) => h.endsWith(d) || `.${h}` === d);
}
