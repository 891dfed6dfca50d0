/**
 * Small derived facts shared by the model builder: defaults Configuration Manager applies, and name normalisation.
 *
 * Every function here takes whatever the export holds at that place, not what the schema says should be there: the
 * model is built from files the schema rejected too (their rule findings still count), so a mapping where a name
 * belongs, or a fraction where a port belongs, must give a harmless value, never an exception.
 */

export const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';
export const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';

const EKU_NAMES: Record<string, string> = {
  'server authentication': SERVER_AUTH_OID,
  serverauthentication: SERVER_AUTH_OID,
  serverauth: SERVER_AUTH_OID,
  'client authentication': CLIENT_AUTH_OID,
  clientauthentication: CLIENT_AUTH_OID,
  clientauth: CLIENT_AUTH_OID,
};

export function ekuOid(value: string): string {
  return EKU_NAMES[value.trim().toLowerCase()] ?? value.trim();
}

/**
 * A scalar from the export as text, as String() gives it; a mapping or a list (which String() cannot convert, or would
 * join) gives '', which names nothing.
 */
export function text(value: unknown): string {
  return value !== null && typeof value === 'object' ? '' : String(value);
}

/** A whole number from the export (a number, a BigInt, or digits in a string), else `fallback`. */
export function integer(value: unknown, fallback: number): number {
  const n =
    typeof value === 'bigint'
      ? Number(value)
      : typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)
          ? Number(value)
          : NaN;
  return Number.isSafeInteger(n) ? n : fallback;
}

/** Roles whose HTTPS setting is recorded under a role-specific name. */
export function roleUsesHttps(kind: string, role: Record<string, unknown>): boolean | undefined {
  switch (kind) {
    case 'ManagementPoint':
      return typeof role.EnableSsl === 'boolean' ? role.EnableSsl : undefined;
    case 'SoftwareUpdatePoint':
      return typeof role.WsusSsl === 'boolean' ? role.WsusSsl : undefined;
    case 'DistributionPoint':
      return role.ClientCommunicationType === undefined ? undefined : role.ClientCommunicationType === 'Https';
    case 'FallbackStatusPoint':
      return false; // the fallback status point always uses HTTP
    default:
      return undefined;
  }
}

/** The port clients (and a CMG connection point) use to reach a role. */
export function rolePort(kind: string, role: Record<string, unknown>, https: boolean | undefined): number {
  if (kind === 'SoftwareUpdatePoint') {
    return https ? integer(role.WsusIisSslPort ?? 8531, 8531) : integer(role.WsusIisPort ?? 8530, 8530);
  }
  return https ? 443 : 80;
}

export function lower(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/** Parses "443" or "10140-10143" or 443 into an inclusive range. */
export function portRange(value: unknown): { from: number; to: number } | undefined {
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value)))
    return { from: Number(value), to: Number(value) };
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(value);
  if (!match) return undefined;
  return { from: Number(match[1]), to: Number(match[2]) };
}

/** Matches a host against a name or a `*.` wildcard pattern, case-insensitively. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = lower(pattern);
  const h = lower(host);
  if (p === h) return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return false;
}

/** A mapping (not null, not a list): what the model reads fields of. */
export function isMapLike(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
