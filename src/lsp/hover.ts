/** Hover on a finding: the rule's documentation, the page `cmlint explain` prints. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hover, Position } from 'vscode-languageserver';
import { renderRuleDoc } from '../docs/rule-doc.js';
import type { Finding } from '../findings.js';
import { PACKAGE_ROOT } from '../paths.js';
import { escapeControlLines } from '../report/escape.js';
import type { Rule } from '../rules/rule.js';
import { contains, rangeOf } from './positions.js';

/** The documentation of a rule, as `cmlint explain` gives it: the generated page of a built-in rule, else rendered. */
export function ruleDocumentation(rule: Rule): string {
  const page = join(PACKAGE_ROOT, 'docs', 'rules', `${rule.id}.md`);
  // A custom rule's documentation is text from its file: lines stay lines, other control characters are escaped.
  return escapeControlLines(
    (rule.builtin && existsSync(page) ? readFileSync(page, 'utf8') : renderRuleDoc(rule)).replace(/\r\n/g, '\n'),
  );
}

export function hoverAt(
  findings: readonly Finding[],
  position: Position,
  rules: ReadonlyMap<string, Rule>,
): Hover | null {
  const here = findings.filter((f) => contains(rangeOf(f.region), position));
  if (!here.length) return null;
  const ids = [...new Set(here.map((f) => f.ruleId))];
  const parts = ids.map((id) => {
    const rule = rules.get(id);
    return rule ? ruleDocumentation(rule) : `**${id}**`;
  });
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: rangeOf(here[0]!.region) };
}
