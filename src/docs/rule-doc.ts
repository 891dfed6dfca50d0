/** A rule's documentation page, rendered from its rule file; docs/rules/<ID>.md and `cmlint explain` use the same text. */
import type { Rule } from '../rules/rule.js';

export interface RuleExample {
  /** Fixture path, relative to the repository. */
  path: string;
  /** The lines shown. */
  excerpt: string;
  /** Findings of this rule on it, as "line:col message". */
  findings: string[];
}

export interface RuleExamples {
  /** Custom rule files the examples are linted with (for rules about how cmlint treats a rule, such as CML009). */
  customRules?: { path: string; text: string }[];
  failing?: RuleExample;
  passing?: RuleExample;
}

function paragraph(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

export function renderRuleDoc(rule: Rule, examples: RuleExamples = {}): string {
  const lines: string[] = [];
  lines.push(`# ${rule.id}: ${rule.title}`, '');
  lines.push(`- Severity: **${rule.severity}**`);
  lines.push(`- Family: ${rule.family}`);
  lines.push(
    `- Checked by: ${rule.emittedBy ? `cmlint's ${rule.emittedBy}` : 'a declarative check (rules/' + rule.id + '.yaml)'}`,
  );
  lines.push('', '## What it checks', '', paragraph(rule.description), '');
  lines.push('## Why', '', paragraph(rule.rationale), '');
  lines.push('## How to fix', '', paragraph(rule.fix), '');
  if (rule.versions) lines.push('## Versions', '', paragraph(rule.versions), '');
  if (examples.customRules?.length) {
    lines.push(
      '## Example: custom rules',
      '',
      'The examples below are linted with these custom rules as well as the built-in ones:',
      '',
    );
    for (const custom of examples.customRules)
      lines.push(`From \`${custom.path}\`:`, '', '```yaml', custom.text, '```', '');
  }
  if (examples.failing) {
    lines.push(
      '## Example: reported',
      '',
      `From \`${examples.failing.path}\`:`,
      '',
      '```yaml',
      examples.failing.excerpt.trimEnd(),
      '```',
      '',
    );
    for (const f of examples.failing.findings) lines.push(`- ${f}`);
    lines.push('');
  }
  if (examples.passing) {
    lines.push(
      '## Example: not reported',
      '',
      `From \`${examples.passing.path}\`:`,
      '',
      '```yaml',
      examples.passing.excerpt.trimEnd(),
      '```',
      '',
    );
  }
  lines.push('## Sources', '');
  for (const source of rule.sources) {
    lines.push(`- [${source.title}${source.section ? ` › ${source.section}` : ''}](${source.url})`);
  }
  lines.push('');
  return lines.join('\n');
}
