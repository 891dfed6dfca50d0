/**
 * Suppression comments in YAML exports:
 *
 *   # cmlint-disable-next-line CMG001, NET010 -- the CAS is being retired; the CMG moves in June
 *   # cmlint-disable CML006 -- versions are tracked elsewhere          (the whole file)
 *
 * A directive names its rules and, after `--`, why the findings are accepted. One that does not (no rule, an unknown
 * rule, no reason, an unknown `cmlint-` word) suppresses nothing and is itself reported as CML010.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { RawFinding, Region } from '../findings.js';

export const INVALID_SUPPRESSION = 'CML010';
export const UNUSED_SUPPRESSION = 'CML011';
/** Findings about suppressions cannot themselves be suppressed by a comment (the config can turn them off). */
export const UNSUPPRESSIBLE = new Set([INVALID_SUPPRESSION, UNUSED_SUPPRESSION]);

export interface Directive {
  kind: 'next-line' | 'file';
  /** Line of the comment. */
  line: number;
  region: Region;
  rules: string[];
  reason: string;
  /** Rule ids this directive suppressed at least one finding of. */
  used: Set<string>;
}

const DIRECTIVE = /^cmlint-([A-Za-z][A-Za-z-]*)(?=\s|$)([\s\S]*)$/;
const RULE_ID = /^[A-Z][A-Z0-9]*[0-9]{3}$/;

/** "(did you mean CMG001?)" for the unknown ids that are a slip away from a loaded rule's id (case or a few characters). */
function closestRules(unknown: string[], knownRules: ReadonlySet<string>): string {
  const known = [...knownRules];
  if (!known.length) return '';
  const hints = unknown.flatMap((id) => {
    // Beyond this length an id is no slip of a rule id, and comparing would only cost time.
    if (id.length > 40) return [];
    const upper = id.toUpperCase();
    // The same family and number written differently (cmg1, NET0013) before the nearest spelling.
    const parts = /^([A-Z]+)0*([0-9]{1,3})$/.exec(upper);
    const renumbered = parts ? parts[1]! + parts[2]!.padStart(3, '0') : undefined;
    const best = knownRules.has(upper)
      ? upper
      : renumbered && knownRules.has(renumbered)
        ? renumbered
        : closest(upper, known);
    return best !== id && (best === renumbered || distance(upper, best) <= 2)
      ? [`${unknown.length > 1 ? `"${id}": ` : ''}did you mean ${best}?`]
      : [];
  });
  return hints.length ? ` (${hints.join('; ')})` : '';
}

function regionOf(rows: string[], line: number): Region {
  const row = rows[line - 1] ?? '';
  const at = row.indexOf('cmlint-');
  const hash = at >= 0 ? row.lastIndexOf('#', at) : -1;
  const start = hash >= 0 ? hash + 1 : 1;
  return {
    startLine: line,
    startColumn: start,
    endLine: line,
    endColumn: Math.max(start + 1, row.trimEnd().length + 1),
  };
}

export function readDirectives(
  comments: { line: number; text: string }[],
  text: string,
  knownRules: ReadonlySet<string>,
): { directives: Directive[]; problems: RawFinding[] } {
  const directives: Directive[] = [];
  const problems: RawFinding[] = [];
  let rows: string[] | undefined;
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text.trim());
    if (!match) continue;
    rows ??= text.split(/\r\n|\r|\n/);
    const region = regionOf(rows, comment.line);
    const word = match[1]!;
    const report = (why: string) =>
      problems.push({
        ruleId: INVALID_SUPPRESSION,
        severity: 'error',
        message: `Suppression comment "cmlint-${word}" ${why}; it suppresses nothing`,
        region,
      });
    if (word !== 'disable-next-line' && word !== 'disable') {
      report('is not a cmlint directive (use cmlint-disable-next-line or cmlint-disable)');
      continue;
    }
    const rest = match[2] ?? '';
    const separator = rest.indexOf('--');
    const rulePart = separator < 0 ? rest : rest.slice(0, separator);
    const reason = separator < 0 ? '' : rest.slice(separator + 2).trim();
    const rules = rulePart.split(/[\s,]+/).filter(Boolean);
    const why: string[] = [];
    if (!rules.length) why.push('names no rule (list the rule ids it suppresses)');
    const notRules = rules.filter((id) => !RULE_ID.test(id) || !knownRules.has(id));
    if (notRules.length) {
      why.push(
        `names ${notRules.map((id) => `"${id}"`).join(', ')}, which ${notRules.length === 1 ? 'is not a rule' : 'are not rules'}${closestRules(notRules, knownRules)}`,
      );
    }
    const forbidden = rules.filter((id) => UNSUPPRESSIBLE.has(id));
    if (forbidden.length) why.push(`cannot suppress ${forbidden.join(', ')} (fix the suppression comment instead)`);
    if (!reason) why.push('gives no reason (add "-- " and why the finding is accepted)');
    if (why.length) {
      report(why.join('; '));
      continue;
    }
    directives.push({
      kind: word === 'disable' ? 'file' : 'next-line',
      line: comment.line,
      region,
      rules: [...new Set(rules)],
      reason,
      used: new Set(),
    });
  }
  return { directives, problems };
}
