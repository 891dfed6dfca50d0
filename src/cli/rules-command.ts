/** `cmlint rules` and `cmlint explain`: the rule registry, for people and for tools. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleDoc } from '../docs/rule-doc.js';
import { PACKAGE_ROOT } from '../paths.js';
import { loadRules } from '../rules/load-rules.js';
import { UsageError } from './exit-codes.js';

export function runRules(options: { format: string; rules?: string[] }): number {
  const rules = loadRules(options.rules ?? []);
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
    process.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  if (options.format !== 'text') throw new UsageError(`unknown format "${options.format}"; use text or json`);
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.title}\n`);
  process.stdout.write(`\n${rules.length} rules. \`cmlint explain <ID>\` shows one in full.\n`);
  return 0;
}

export function runExplain(id: string, options: { rules?: string[] }): number {
  const rules = loadRules(options.rules ?? []);
  const rule = rules.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!rule) throw new UsageError(`no rule "${id}"; \`cmlint rules\` lists them`);
  // The generated page carries the fixture examples; it is shipped with the package. Render without them otherwise.
  const page = join(PACKAGE_ROOT, 'docs', 'rules', `${rule.id}.md`);
  process.stdout.write(rule.builtin && existsSync(page) ? readFileSync(page, 'utf8') : renderRuleDoc(rule));
  return 0;
}
