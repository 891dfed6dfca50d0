/** Picks a failing and a passing example for a rule's documentation from its tested fixtures. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RuleExample, RuleExamples } from '../docs/rule-doc.js';
import type { Linter } from '../lint.js';
import { decodeSource } from '../source/read-source.js';

const MAX_LINES = 40;

function excerpt(text: string, focusLine: number | undefined): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s*#\s*expect(-line)?:.*$/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= MAX_LINES || focusLine === undefined) return lines.slice(0, MAX_LINES).join('\n');
  const start = Math.max(0, focusLine - 1 - Math.floor(MAX_LINES / 2));
  return ['# ...', ...lines.slice(start, start + MAX_LINES), '# ...'].join('\n');
}

function example(root: string, path: string, ruleId: string, linter: Linter): RuleExample {
  const bytes = readFileSync(path);
  const result = linter.lintSource(decodeSource(relative(root, path), bytes));
  const own = result.findings.filter((f) => f.ruleId === ruleId);
  return {
    path: relative(root, path),
    excerpt: excerpt(bytes.toString('utf8'), own[0]?.region.startLine),
    findings: own.map((f) => `line ${f.region.startLine}, column ${f.region.startColumn}: ${f.message}`),
  };
}

/** The custom rule files a rule's fixtures are linted with (fixtures/rules/<ID>/custom-rules/), shown beside its examples. */
function customRules(root: string, dir: string): RuleExamples['customRules'] {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: relative(root, join(dir, f)), text: readFileSync(join(dir, f), 'utf8').trimEnd() }));
}

/** linterFor(folder) gives a linter with the built-in rules and, when a folder is given, the custom rules in it. */
export function ruleExamples(root: string, ruleId: string, linterFor: (customRules?: string) => Linter): RuleExamples {
  const dir = join(root, 'fixtures', 'rules', ruleId);
  if (!existsSync(dir)) return {};
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const fires = files.find((f) => f.startsWith('fires'));
  const silent = files.find((f) => f.startsWith('silent'));
  const customDir = join(dir, 'custom-rules');
  const linter = linterFor(existsSync(customDir) ? customDir : undefined);
  return {
    customRules: customRules(root, customDir),
    failing: fires ? example(root, join(dir, fires), ruleId, linter) : undefined,
    passing: silent ? example(root, join(dir, silent), ruleId, linter) : undefined,
  };
}
