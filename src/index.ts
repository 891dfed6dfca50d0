/** The cmlint API. The CLI is a thin layer over these functions. */
export { createLinter, lintFiles, lintText, today } from './lint.js';
export type { FileResult, LintOptions, Linter } from './lint.js';
export type { Finding, RawFinding, Region, Severity, Suppression } from './findings.js';
export { loadRules, loadRuleFolder, RuleLoadError } from './rules/load-rules.js';
export type { Rule } from './rules/rule.js';
export { formatSarif, buildSarif } from './report/sarif.js';
export { formatJson } from './report/json.js';
export { formatText } from './report/text.js';
export { formatGithub } from './report/github.js';
export { formatJunit } from './report/junit.js';
export { findConfig } from './config/find-config.js';
export { loadConfig, ConfigError } from './config/load-config.js';
export type { Config, ExternalSuppression } from './config/load-config.js';
export { applyBaseline, buildBaseline, readBaseline } from './baseline.js';
export type { ReportInput } from './report/report-input.js';
export type { RuleOutcome, RuleStatus, SkippedElement } from './engine/evaluate.js';
export { listReferences, forEachReference, candidatesFor, ExportIndex } from './model/references.js';
export type { Reference, NamedElement } from './model/references.js';
export { REFERENCE_TABLE } from './model/reference-table.js';

import { lintFiles } from './lint.js';
import type { LintOptions } from './lint.js';
import type { Finding } from './findings.js';

/** Lints the given files and returns every finding, positioned, in file order. */
export async function lint(paths: string[], options: LintOptions = {}): Promise<Finding[]> {
  return (await lintFiles(paths, options)).flatMap((result) => result.findings);
}
