/**
 * Sites (SMS_Site), their versions from build numbers, communication security (the site component manager's
 * IISSSLState) and the optional features enabled in Updates and Servicing (SMS_CM_UpdateFeatures).
 */
import { versionForBuildNumber } from '../versions/version-facts.js';
import { byName, type ImportContext, sameName } from './context.js';
import type { Row } from './row.js';
import { type NodeMap, put, Sourced } from './sourced.js';

const SITE_TYPES: Record<number, string> = { 1: 'Secondary', 2: 'Primary', 4: 'Cas' };

export function mapSites(context: ImportContext): NodeMap[] {
  const { read } = context;
  const features = enabledFeatures(context);
  // Top tier first (central administration site, primaries, secondaries), then by site code.
  const tier = (row: Row) => ({ 4: 0, 2: 1, 1: 2 })[Number(row.get('Type'))] ?? 3;
  const sites = context
    .rows('SMS_Site', 'SiteCode')
    .sort((a, b) => tier(a) - tier(b) || byName(String(a.get('SiteCode')), String(b.get('SiteCode'))));
  return sites.map((row) => {
    const site: NodeMap = {};
    const code = read.text(row, 'SiteCode')!;
    site.SiteCode = code;
    put(site, 'SiteName', read.text(row, 'SiteName'));
    const type = read.integer(row, 'Type');
    if (type && SITE_TYPES[type.value as number])
      site.SiteType = new Sourced(SITE_TYPES[type.value as number]!, `${type.source} ${type.value}`);
    else if (type)
      read.unknown(
        type.source,
        type.value,
        '1 secondary, 2 primary, 4 central administration site',
        `site ${code.value}`,
      );
    const parent = read.text(row, 'ReportingSiteCode');
    if (parent && !sameName(parent.value, code.value)) site.ParentSiteCode = parent;
    put(site, 'Version', siteVersion(context, row, String(code.value)));
    Object.assign(site, communicationSecurity(context, String(code.value)));
    if (features) site.EnabledFeatures = features;
    return site;
  });
}

function siteVersion(context: ImportContext, row: Row, code: string): Sourced | undefined {
  const { read } = context;
  const build = read.text(row, 'BuildNumber') ?? read.text(row, 'Version');
  if (!build) {
    context.warnings.add(`SMS_Site ${code} has neither BuildNumber nor Version; Version left out`);
    return undefined;
  }
  const facts = versionForBuildNumber(String(build.value));
  if (!facts) {
    read.unknown(
      build.source,
      build.value,
      'a build number in the version table of src/versions/version-facts.ts',
      `site ${code}`,
    );
    return undefined;
  }
  return new Sourced(Number(facts.version), `${build.source} ${build.value}`);
}

/**
 * Site communication security from `SMS_SCI_Component` `SMS_SITE_COMPONENT_MANAGER` `Props:IISSSLState`, read as bits
 * (ConfigMgrCBDsc CMSiteConfiguration): 31 (bits 1-16) HTTPS only, 192 (bits 64, 128) HTTP also accepted, 32 check
 * the CRL, 256 use a PKI client certificate when available, 1024 Enhanced HTTP.
 */
function communicationSecurity(context: ImportContext, code: string): NodeMap {
  const component = context
    .rows('SMS_SCI_Component', 'ItemName')
    .find(
      (row) =>
        sameName(row.get('SiteCode'), code) &&
        String(row.get('ItemName')).toUpperCase().startsWith('SMS_SITE_COMPONENT_MANAGER'),
    );
  const out: NodeMap = {};
  if (!component) {
    context.warnings.add(
      `site ${code}: no SMS_SCI_Component SMS_SITE_COMPONENT_MANAGER row; communication security not imported`,
    );
    return out;
  }
  const prop = component.prop('IISSSLState');
  const source = 'SMS_SCI_Component[SMS_SITE_COMPONENT_MANAGER].Props[IISSSLState].Value';
  if (!prop) {
    const props = component.get('Props');
    context.warnings.add(
      props === undefined || props === null || (Array.isArray(props) && props.length === 0)
        ? `site ${code}: SMS_SCI_Component SMS_SITE_COMPONENT_MANAGER has no Props: the lazy property was not loaded (collect each instance again); communication security not imported`
        : `site ${code}: SMS_SCI_Component SMS_SITE_COMPONENT_MANAGER has no IISSSLState; communication security not imported`,
    );
    return out;
  }
  const raw = context.read.integer(prop, 'Value', source);
  if (!raw) return out;
  const bits = raw.value as number;
  const httpsOnly = (bits & 31) === 31 && (bits & 192) === 0;
  const httpsOrHttp = (bits & 192) === 192 && (bits & 31) === 0;
  if (!httpsOnly && !httpsOrHttp) {
    context.read.unknown(source, bits, 'bits 31 for HTTPS only or 192 for HTTPS or HTTP', `site ${code}`);
    out.IISSSLState = raw;
    return out;
  }
  const at = `${source} ${bits}`;
  out.ClientComputerCommunicationType = new Sourced(httpsOnly ? 'HttpsOnly' : 'HttpsOrHttp', at);
  // HTTPS only means clients use PKI certificates; the DSC reads every HTTPS-only value so.
  out.UsePkiClientCertificate = new Sourced(httpsOnly || (bits & 256) !== 0, at);
  out.UseSmsGeneratedCert = new Sourced((bits & 1024) !== 0, at);
  out.ClientCheckCertificateRevocationListForSiteSystem = new Sourced((bits & 32) !== 0, at);
  out.IISSSLState = raw;
  return out;
}

/**
 * Features are hierarchy-wide: every site gets the list. A feature's export name is its name in PascalCase
 * ("Cloud management gateway" -> CloudManagementGateway).
 */
function enabledFeatures(context: ImportContext): Sourced | undefined {
  const rows = context.rows('SMS_CM_UpdateFeatures', 'Name');
  if (!rows.length) return undefined;
  const names = new Set<string>();
  for (const row of rows) {
    const status = context.read.integer(row, 'Status');
    if (status?.value !== 1) continue;
    const name = String(row.get('Name'))
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join('');
    if (name) names.add(name);
  }
  return new Sourced([...names].sort(byName), 'SMS_CM_UpdateFeatures.Name where Status = 1');
}
