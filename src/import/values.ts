/**
 * Reading typed values from rows, the way the provider's several serialisations give them: numbers as numbers or
 * strings, booleans as true/false or 0/1, dates as `/Date(ms)/` (Windows PowerShell), ISO strings (PowerShell 7,
 * the AdminService) or DMTF (`20250131120000.000000+000`, raw WMI). A value of the wrong type becomes a warning
 * naming it and is left out.
 */
import type { Row } from './row.js';
import { Sourced } from './sourced.js';
import type { Warnings } from './warnings.js';

/** How a property is named in sources and warnings: `SMS_Site.Type`, or `SMS_SCI_SysResUse.Props[UseProxy].Value`. */
export function sourceOf(row: Row, name: string): string {
  return `${row.className}.${name}`;
}

export class ValueReader {
  constructor(private readonly warnings: Warnings) {}

  warn(message: string): void {
    this.warnings.add(message);
  }

  /** A non-empty string (numbers are accepted and written as text). */
  text(row: Row | undefined, name: string, source = row && sourceOf(row, name)): Sourced | undefined {
    const value = row?.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return new Sourced(value.trim(), source!);
    if (typeof value === 'number') return new Sourced(String(value), source!);
    this.wrongType(source!, value, 'text', row!);
    return undefined;
  }

  integer(row: Row | undefined, name: string, source = row && sourceOf(row, name)): Sourced | undefined {
    const value = row?.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
          ? Number(value)
          : NaN;
    if (Number.isSafeInteger(number)) return new Sourced(number, source!);
    this.wrongType(source!, value, 'a whole number', row!);
    return undefined;
  }

  boolean(row: Row | undefined, name: string, source = row && sourceOf(row, name)): Sourced | undefined {
    const value = row?.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    const flag = toBoolean(value);
    if (flag !== undefined) return new Sourced(flag, source!);
    this.wrongType(source!, value, 'true/false or 0/1', row!);
    return undefined;
  }

  /** A date as YYYY-MM-DD (UTC). */
  date(row: Row | undefined, name: string, source = row && sourceOf(row, name)): Sourced | undefined {
    const value = row?.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    const day = toDay(value);
    if (day !== undefined) return new Sourced(day, source!);
    this.wrongType(source!, value, 'a date', row!);
    return undefined;
  }

  /** Reports a value of a known property that the importer has no meaning for; the caller leaves it out. */
  unknown(source: string, value: unknown, known: string, what: string): void {
    this.warn(
      `${source} = ${show(value)}${what ? ` (${what})` : ''} is a value the importer does not know (${known}); left out, write it in the overlay`,
    );
  }

  private wrongType(source: string, value: unknown, wanted: string, row: Row): void {
    void row;
    this.warn(`${source} = ${show(value)} is not ${wanted}; left out`);
  }
}

export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
  }
  return undefined;
}

/** YYYY-MM-DD from any of the date forms a dump may hold. */
export function toDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(text);
  if (ms) return isoDay(new Date(Number(ms[1])));
  const dmtf = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.\d{6}([+-])(\d{3})$/.exec(text);
  if (dmtf) {
    const [, y, mo, d, h, mi, s, sign, offset] = dmtf;
    const utc =
      Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) -
      (sign === '-' ? -1 : 1) * Number(offset) * 60_000;
    return isoDay(new Date(utc));
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    // A date without a zone is the day written; one with a zone is taken in UTC.
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return text.slice(0, 10);
    const parsed = new Date(text);
    return Number.isNaN(parsed.getTime()) ? undefined : isoDay(parsed);
  }
  return undefined;
}

function isoDay(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
