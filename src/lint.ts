/**
 * The pipeline for one export: read → parse with positions → validate against the schemas → build the model →
 * evaluate rules → positioned findings. Each stage is its own module; this file only connects them.
 */
import type { Finding, RawFinding, Region, Severity } from './findings.js';
import { FILE_START } from './findings.js';
import { fingerprintOf, nativeSha256Hex, NATIVE_HASH_FROM } from './fingerprint.js';
import { buildModel } from './model/build.js';
import { danglingReferences } from './model/references.js';
import { brokenFacts } from './model/broken-facts.js';
import { compileRule, type CompiledRule } from './engine/compile.js';
import { evaluateRules, type RuleOutcome } from './engine/evaluate.js';
import { loadRules } from './rules/load-rules.js';
import type { Rule } from './rules/rule.js';
import { locateAll } from './parse/locate-all.js';
import { PARSE_DEFAULTS, parseSource, reparsedLater, type ParseOptions } from './parse/parse.js';
import type { ParsedDocument } from './parse/parsed-document.js';
import { decodeSource, readSource, type Source } from './source/read-source.js';
import { validateExport } from './validate/validate-export.js';
import { lacksExportKey, notAnExportFinding, notAnExportReason } from './validate/what-is-an-export.js';
import { applySuppressions, type SuppressContext } from './suppress/apply.js';
import type { ExternalSuppression } from './config/load-config.js';
import { BUILT_IN_VERSIONS, VersionTable, type VersionFacts } from './versions/version-facts.js';

export interface LintOptions {
  /** Rule set to use; the built-in rules (plus customRuleFolders) when absent. */
  rules?: Rule[];
  customRuleFolders?: string[];
  /** The run's date, YYYY-MM-DD; today when absent. Date-based rules use it so a run can be reproduced. */
  asOf?: string;
  maxFileSize?: number;
  /** Severity overrides and rules turned off, by rule id. */
  ruleSeverity?: Record<string, Severity | 'off'>;
  /** Honour `# cmlint-disable…` comments (default true). */
  inlineSuppressions?: boolean;
  /** External suppressions (the config file's `suppressions`). */
  suppressions?: readonly ExternalSuppression[];
  /** Told of each external suppression that covered a finding, to report unused ones. */
  onExternalSuppressionUsed?: SuppressContext['onExternalUsed'];
  /** Versions released after this cmlint, or corrections (the config file's `versions`), added to the built-in table. */
  versionFacts?: readonly VersionFacts[];
  /** How exports are parsed (src/parse/parse.ts); the defaults when absent. Tests compare the fast and precise ways. */
  parse?: Readonly<ParseOptions>;
}

export interface FileResult {
  /** The path as reported. */
  path: string;
  findings: Finding[];
  /** What became of each rule on this file. */
  outcomes: Map<string, RuleOutcome>;
  source: Source;
  document: ParsedDocument;
  /**
   * Why the file is not a cmlint export (no schemaVersion at its top level), or undefined for an export: a folder
   * search skips such a file (src/project/lint-project.ts); named on the command line, its findings say so (CML015).
   */
  notAnExport?: string;
}

export interface Linter {
  rules: Rule[];
  lintSource(source: Source): FileResult;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Prepares a rule set once (loading and compiling every rule) for linting many files. */
export function createLinter(options: LintOptions = {}): Linter {
  const rules = options.rules ?? loadRules(options.customRuleFolders ?? []);
  const severity = options.ruleSeverity ?? {};
  const active: CompiledRule[] = rules.filter((r) => r.check && severity[r.id] !== 'off').map(compileRule);
  const asOf = options.asOf ?? today();
  const ruleIds = new Set(rules.map((r) => r.id));
  const versions = options.versionFacts?.length ? new VersionTable(options.versionFacts) : BUILT_IN_VERSIONS;
  return {
    rules,
    lintSource(source) {
      const document = parseSource(source, options.parse ?? PARSE_DEFAULTS);
      const raw: RawFinding[] = [...document.problems];
      let outcomes = new Map<string, RuleOutcome>();
      if (lacksExportKey(document.data)) {
        // Not an export: one finding saying what an export is, rather than a schema finding for each of its keys.
        raw.push(notAnExportFinding());
      } else if (document.data !== undefined || document.problems.length === 0) {
        const schemaFindings = validateExport(document.data, versions);
        for (const f of schemaFindings) raw.push(f); // not push(...): there may be more than the stack allows
        const references = danglingReferences(
          document.data,
          new Set(schemaFindings.map((f) => (f.pointer ?? []).join('/'))),
        );
        for (const f of references.findings) raw.push(f);
        if (document.data !== null && typeof document.data === 'object' && !Array.isArray(document.data)) {
          try {
            const model = buildModel(document.data);
            const broken = brokenFacts(model, schemaFindings, references);
            const result = evaluateRules(active, model, document.data, { asOf, versions, broken });
            // Rules stumbling over data the schema already rejected add nothing: those findings say it better.
            for (const f of schemaFindings.length
              ? result.findings.filter((f) => f.ruleId !== 'CML009')
              : result.findings)
              raw.push(f);
            outcomes = result.outcomes;
            if (result.versionUnknown.length) raw.push(versionUnknownNote(result.versionUnknown));
          } catch (error) {
            // The model assumes the export's shape; data the schema rejected may break it. Never a crash: a finding.
            if (!schemaFindings.length) raw.push(modelFault(error));
          }
        }
      }
      const positioned = position(
        source.path,
        document,
        raw.filter((f) => severity[f.ruleId] !== 'off'),
        severity,
      );
      const findings = applySuppressions(positioned, {
        path: source.path,
        text: source.text,
        comments: options.inlineSuppressions === false ? [] : document.comments(),
        ruleIds,
        severity,
        external: options.suppressions ?? [],
        place: (extra) => position(source.path, document, extra, severity),
        onExternalUsed: options.onExternalSuppressionUsed,
      });
      // Once its findings are placed, a result keeps its document's problems only: not the data (1,000 exports like the
      // bundled examples held 250 MB with it) nor what positions were found with (each file's nodes made every garbage
      // collection copy them). A report that reads the data, such as the HTML topology, parses the source again.
      const notAnExport = notAnExportReason(document.data, document.problems.length === 0, source.text);
      return {
        path: source.path,
        findings,
        outcomes,
        source,
        document: reparsedLater(source, document.format, document.problems),
        notAnExport,
      };
    },
  };
}

function modelFault(error: unknown): RawFinding {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return {
    ruleId: 'CML009',
    severity: 'error',
    message: `No rule could be evaluated on this export: ${reason}. This is a fault in cmlint, not in the export; please report it.`,
    pointer: [],
  };
}

function versionUnknownNote(ruleIds: string[]): RawFinding {
  return {
    ruleId: 'CML006',
    severity: 'note',
    message: `No site version is stated (hierarchy.sites[].Version), so ${ruleIds.length} version-dependent rule(s) assumed nothing and were not evaluated: ${ruleIds.join(', ')}.`,
    pointer: ['hierarchy'],
    atKey: true,
  };
}

function position(
  file: string,
  document: ParsedDocument,
  raw: RawFinding[],
  severity: Record<string, Severity | 'off'>,
): Finding[] {
  const regions = regionsOf(document, raw);
  const occurrences = new Map<string, number>();
  const hash = raw.length >= NATIVE_HASH_FROM ? nativeSha256Hex() : undefined;
  const findings = raw.map((f, i): Finding => {
    const region = regions[i]!;
    const base = `${f.ruleId}|${f.pointer?.join('/') ?? f.message}`;
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    const override = severity[f.ruleId];
    return {
      ...f,
      severity: override && override !== 'off' ? override : f.severity,
      file,
      region,
      fingerprint: fingerprintOf(file, f, n, hash),
    };
  });
  return findings.sort(
    (a, b) =>
      a.region.startLine - b.region.startLine ||
      a.region.startColumn - b.region.startColumn ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** Each finding's region: its own, else its pointer's (located all at once, src/parse/locate-all.ts), else the file's start. */
function regionsOf(document: ParsedDocument, raw: RawFinding[]): Region[] {
  const regions: Region[] = new Array(raw.length);
  const pending: number[] = [];
  raw.forEach((f, i) => {
    if (f.region) regions[i] = f.region;
    else if (f.pointer) pending.push(i);
    else regions[i] = FILE_START;
  });
  const located = locateAll(
    document,
    pending.map((i) => ({ pointer: raw[i]!.pointer!, atKey: raw[i]!.atKey })),
  );
  pending.forEach((i, n) => (regions[i] = located[n]!));
  locateRelated(document, raw);
  return regions;
}

/** The regions of the findings' related locations (a few per finding at most). */
function locateRelated(document: ParsedDocument, raw: RawFinding[]): void {
  const related = raw.flatMap((f) => f.related ?? []);
  if (!related.length) return;
  const located = locateAll(document, related);
  related.forEach((r, n) => (r.region = located[n]!));
}

/** Lints text that is already in memory (an editor buffer, stdin). */
export function lintText(text: string, path: string, options: LintOptions = {}): FileResult {
  return createLinter(options).lintSource(decodeSource(path, Buffer.from(text, 'utf8'), options.maxFileSize));
}

/** Lints files on disk. Paths that cannot be read throw UnreadableSourceError. */
export async function lintFiles(paths: string[], options: LintOptions = {}): Promise<FileResult[]> {
  const linter = createLinter(options);
  const results: FileResult[] = [];
  for (const path of paths) results.push(linter.lintSource(await readSource(path, options.maxFileSize)));
  return results;
}
