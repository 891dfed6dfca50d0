/**
 * Telling a missing fact from a case that does not apply.
 *
 * Rules guard the facts they need with has(): `'EntraId' in it.auth && has(it.OsVersion) && ...` skips a population
 * that does not state its OsVersion. That population is not "passed": the rule could not check it. So a case's
 * `where` is read, when the rule is loaded, as a chain of conditions joined by && at its top level; a condition
 * `has(it.<path>)` is a fact guard when the path ends in an export field (PascalCase, as the export writes it) or in
 * a link the schemas declare (`as` of x-cmlint-ref: site, cmg, serverCertificate...), unless the schemas say that
 * leaving the field out states something (x-cmlint-absent-means, for example Replaces: "replaces no CMG").
 *
 * An element for which `where` is false is then not evaluated, rather than out of scope, when a fact guard failed and
 * every other condition that does not read the missing fact holds: it is in scope as far as can be told, and only
 * the missing fact kept the rule from judging it. A `where` with || or ?: at its top level has no guards.
 */
import { REFERENCE_TABLE } from '../model/reference-table.js';

export interface FactGuard {
  /** Which condition of the chain it is. */
  index: number;
  /** The path of `it` it tests. */
  path: string[];
  /** The fact, as the export names it (SiteCode for `site`, cmg.DeploymentModel). */
  fact: string;
  /** The other conditions that read the path (they cannot be told without it). */
  readBy: number[];
}

export interface GuardedWhere {
  /** The conditions joined by && at the top level, as written. */
  conditions: string[];
  guards: FactGuard[];
}

/** The export field each declared link stands for (site → SiteCode), from the schemas. */
const FIELD_OF_LINK = new Map<string, string>();
for (const r of REFERENCE_TABLE.references) if (r.as && !FIELD_OF_LINK.has(r.as)) FIELD_OF_LINK.set(r.as, r.field);

const GUARD = /^\s*has\(\s*it((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*\)\s*$/;

/**
 * The where's fact guards, or undefined when it has none (or is not a plain chain of && conditions).
 * @param readThrough a condition's text with that of the case's lets it reads (compile.ts): a condition that reads a
 *   guarded fact through a let (`osSupported`, a let over it.OsVersion) cannot be told without the fact either.
 */
export function factGuards(where: string, readThrough?: (condition: string) => string): GuardedWhere | undefined {
  const conditions = topLevelConjuncts(where);
  if (!conditions) return undefined;
  const guards: FactGuard[] = [];
  conditions.forEach((condition, index) => {
    const match = GUARD.exec(condition);
    if (!match) return;
    const path = match[1]!.slice(1).split('.');
    const last = path[path.length - 1]!;
    const field = /^[A-Z]/.test(last) ? last : FIELD_OF_LINK.get(last);
    if (field === undefined || Object.prototype.hasOwnProperty.call(REFERENCE_TABLE.absentMeans, field)) return;
    const read = `it.${path.join('.')}`;
    const readBy = conditions.flatMap((other, i) =>
      i !== index && readsPath(readThrough ? readThrough(other) : other, read) ? [i] : [],
    );
    guards.push({ index, path, fact: [...path.slice(0, -1), field].join('.'), readBy });
  });
  return guards.length ? { conditions, guards } : undefined;
}

/** Whether an expression reads a path of `it` (it.OsVersion or it.?OsVersion, not it.OsVersionX). */
export function readsPath(text: string, read: string): boolean {
  const optional = read.replace(/^it\./, 'it.?');
  for (const form of [read, optional]) {
    let at = text.indexOf(form);
    while (at >= 0) {
      if (!/[A-Za-z0-9_]/.test(text[at + form.length] ?? '')) return true;
      at = text.indexOf(form, at + 1);
    }
  }
  return false;
}

/**
 * The conditions of `text` joined by && outside brackets and string literals, or undefined when || or a ?: is at
 * the top level too (then the conditions are not all required).
 */
export function topLevelConjuncts(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      // Skip the literal (CEL's triple quotes are two empty literals around the content, which this also skips).
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0) {
      if ((ch === '|' && text[i + 1] === '|') || (ch === '?' && text[i - 1] !== '.')) return undefined; // .? selects optionally
      if (ch === '&' && text[i + 1] === '&') {
        parts.push(text.slice(start, i).trim());
        start = i + 2;
        i++;
      }
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}
