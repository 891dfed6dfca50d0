/** `cmlint rules` and `cmlint explain`: the rule registry, for people and for tools. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../config/resolve-config.js';
import { renderRuleDoc } from '../docs/rule-doc.js';
import { PACKAGE_ROOT } from '../paths.js';
import { escapeControl, escapeControlLines, inertJson } from '../report/escape.js';
import { loadRules } from '../rules/load-rules.js';
import type { Rule } from '../rules/rule.js';
import { UsageError } from './exit-codes.js';

export interface RuleRegistryOptions {
  /** --rules folders, added after the config's customRuleFolders, as `lint` adds them. */
  rules?: string[];
  /** --config FILE, or false for --no-config; the nearest config file when undefined. */
  config?: string | false;
}

/** The rules a `lint` run with the same config and --rules would load. */
function registry(options: RuleRegistryOptions): Rule[] {
  const config = resolveConfig(options.config);
  return loadRules([...config.customRuleFolders, ...(options.rules ?? [])]);
}

export function runRules(options: RuleRegistryOptions & { format: string }): number {
  if (options.format !== 'text' && options.format !== 'json')
    throw new UsageError(`unknown format "${options.format}"; use text or json`);
  const rules = registry(options);
  if (options.format === 'json') {
    const list = rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      family: r.family,
      helpUri: r.helpUri,
      sources: r.sources,
      builtin: r.builtin,
    }));
    process.stdout.write(inertJson(JSON.stringify(list, null, 2)) + '\n');
    return 0;
  }
  // Titles of custom rules are text from a rule file: shown escaped, like any value from a file.
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules)
    process.stdout.write(`${escapeControl(r.id).padEnd(width)}  ${r.severity.padEnd(7)}  ${escapeControl(r.title)}\n`);
  process.stdout.write(`\n${rules.length} rules. \`cmlint explain <ID>\` shows one in full.\n`);
  return 0;
}

export function runExplain(id: string, options: RuleRegistryOptions): number {
  const rules = registry(options);
  const rule = rules.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!rule) throw new UsageError(`no rule "${id}"; \`cmlint rules\` lists them`);
  // The generated page carries the fixture examples; it is shipped with the package. Render without them otherwise.
  const page = join(PACKAGE_ROOT, 'docs', 'rules', `${rule.id}.md`);
  const doc = rule.builtin && existsSync(page) ? readFileSync(page, 'utf8') : renderRuleDoc(rule);
  // A custom rule's documentation is text from its file; lines stay lines, anything else unsafe is escaped.
  process.stdout.write(escapeControlLines(doc.replace(/\r\n/g, '\n')));
  return 0;
}
