/** Message templates: text with {{ CEL }} placeholders, compiled once per rule. */
import { MAX_QUOTED } from '../findings.js';
import { parseExpression } from './cel-env.js';

type Evaluator = (context: Record<string, unknown>) => string;

export interface Template {
  render(context: Record<string, unknown>): string;
}

/** @param check type-check each placeholder now (custom rules), so an unknown function is an error of the rule file. */
export function compileTemplate(text: string, check = false): Template {
  const parts: (string | Evaluator)[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{{');
    if (open < 0) break;
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) throw new Error(`unclosed {{ in "${text}"`);
    if (open > 0) parts.push(rest.slice(0, open));
    const parsed = parseExpression(rest.slice(open + 2, close).trim());
    const checked = check ? parsed.check?.() : undefined;
    if (checked && !checked.valid) throw checked.error ?? new Error('invalid expression');
    // A placeholder that reads a value (`it.ServiceName`) quotes at most MAX_QUOTED characters of it; one that
    // composes text from values (a join, a choice of sentences) keeps its sentences and cuts only what cannot be
    // one: a run of more than MAX_QUOTED characters without a space, and past MAX_COMPOSED characters in all.
    const op = (parsed.ast as { op?: string } | undefined)?.op;
    const reads = op === 'id' || op === '.' || op === '.?' || op === '[]' || op === '[?]';
    parts.push(reads ? (context) => display(parsed(context)) : (context) => composed(parsed(context)));
    rest = rest.slice(close + 2);
  }
  if (rest) parts.push(rest);
  return {
    render(context) {
      return parts.map((part) => (typeof part === 'string' ? part : part(context))).join('');
    },
  };
}

/** The most characters a placeholder that composes text gives. */
export const MAX_COMPOSED = 600;

/** A composed string with no run of more than MAX_QUOTED characters without a space, and MAX_COMPOSED in all. */
function composed(value: unknown): string {
  if (typeof value !== 'string') return display(value);
  const words = value.replace(new RegExp(`\\S{${MAX_QUOTED + 1},}`, 'g'), (run) => `${run.slice(0, MAX_QUOTED - 1)}…`);
  return words.length > MAX_COMPOSED ? `${words.slice(0, MAX_COMPOSED - 1)}…` : words;
}

/** The most items of a list a message names, then how many more there are. */
export const MAX_LISTED = 10;

function bounded(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

/** How a value from the model reads in a message. */
export function display(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean')
    return bounded(String(value));
  if (typeof value === 'string') return bounded(value);
  if (Array.isArray(value)) {
    if (!value.length) return '(none)';
    const shown = value.slice(0, MAX_LISTED).map(display).join(', ');
    return value.length > MAX_LISTED ? `${shown} and ${value.length - MAX_LISTED} more` : shown;
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const named = value as Record<string, unknown>;
    for (const key of [
      'ServiceName',
      'SiteSystemServerName',
      'SiteCode',
      'Name',
      'Id',
      'ClientSettingName',
      'name',
      'id',
    ]) {
      if (typeof named[key] === 'string') return bounded(named[key] as string);
    }
  }
  // Object.prototype.toString rather than String(): a mapping from an export may hold a key named toString (or
  // valueOf), which String() would try to call.
  return typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}
