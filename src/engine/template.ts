/** Message templates: text with {{ CEL }} placeholders, compiled once per rule. */
import { parseExpression } from './cel-env.js';

type Evaluator = (context: Record<string, unknown>) => unknown;

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
    parts.push(parsed as Evaluator);
    rest = rest.slice(close + 2);
  }
  if (rest) parts.push(rest);
  return {
    render(context) {
      return parts.map((part) => (typeof part === 'string' ? part : display(part(context)))).join('');
    },
  };
}

/** How a value from the model reads in a message. */
export function display(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length ? value.map(display).join(', ') : '(none)';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const named = value as Record<string, unknown>;
    for (const key of ['ServiceName', 'SiteSystemServerName', 'SiteCode', 'Name', 'Id', 'ClientSettingName', 'name', 'id']) {
      if (typeof named[key] === 'string') return named[key] as string;
    }
  }
  // Object.prototype.toString rather than String(): a mapping from an export may hold a key named toString (or
  // valueOf), which String() would try to call.
  return typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}
