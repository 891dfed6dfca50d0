/**
 * The client settings a population gets: the default client settings, overridden by the custom device settings
 * deployed to it (priority 1 wins), over Configuration Manager's own defaults for the settings rules read.
 */
import { integer, text } from '../facts.js';
import { celMap, type CelMap } from '../to-cel.js';
import type { ClientSettings, EffectiveSettings } from '../model-types.js';

const CLIENT_SETTING_DEFAULTS: CelMap = {
  AllowCloudManagementGateway: true,
  AllowCloudDistributionPoint: true,
  PolicyPollingMins: 60n,
  EnableUserPolicy: true,
  EnableUserPolicyOnInternet: false,
  EnableDeltaDownload: false,
};

export const CLIENT_SETTING_KEYS = Object.keys(CLIENT_SETTING_DEFAULTS);

/** The custom client settings deployed to each population name, in the export's order. */
export function deployedSettings(all: ClientSettings[]): Map<string, ClientSettings[]> {
  const byPopulation = new Map<string, ClientSettings[]>();
  for (const settings of all) {
    if (settings.isDefault || !Array.isArray(settings.DeployedTo)) continue;
    for (const name of new Set(settings.DeployedTo.map(text))) {
      const list = byPopulation.get(name);
      if (list) list.push(settings);
      else byPopulation.set(name, [settings]);
    }
  }
  return byPopulation;
}

/** Default client settings, overridden by the custom device settings deployed to the population (priority 1 wins). */
export function effectiveSettings(
  defaults: ClientSettings | undefined,
  deployed: readonly ClientSettings[],
): EffectiveSettings {
  const result: CelMap = Object.assign(celMap(), CLIENT_SETTING_DEFAULTS);
  const explicit: string[] = [];
  const apply = (settings: ClientSettings) => {
    for (const key of CLIENT_SETTING_KEYS) {
      if (settings[key] !== undefined) {
        result[key] = settings[key]!;
        if (!explicit.includes(key)) explicit.push(key);
      }
    }
  };
  if (defaults) apply(defaults);
  const custom = [...deployed].sort((a, b) => integer(b.Priority, 0) - integer(a.Priority, 0));
  for (const settings of custom) apply(settings);
  // The declared keys (CLIENT_SETTING_KEYS, each with a default) and `explicit`, set above by name.
  return Object.assign(result, { explicit }) as unknown as EffectiveSettings;
}
