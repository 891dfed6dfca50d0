/**
 * Runs compiled rules over a model. For each rule it tells three outcomes apart: failed (findings),
 * passed, and not evaluated (the export lacks a fact the rule needs, such as the site version).
 */
import type { Pointer, RawFinding } from '../findings.js';
import type { Model } from '../model/build.js';
import { originOf } from '../model/pointers.js';
import { withScope } from './cel-env.js';
import type { CompiledCase, CompiledRule } from './compile.js';
import { display } from './template.js';

export type RuleStatus = 'passed' | 'failed' | 'not-evaluated';

export interface RuleOutcome {
  status: RuleStatus;
  /** Why a rule was not evaluated, for the report. */
  reason?: string;
}

export interface EvaluationResult {
  findings: RawFinding[];
  outcomes: Map<string, RuleOutcome>;
  /** Rules skipped somewhere because the site version was unknown. */
  versionUnknown: string[];
}

export interface EvaluateOptions {
  asOf: string;
}

export function evaluateRules(rules: CompiledRule[], model: Model, data: unknown, options: EvaluateOptions): EvaluationResult {
  const findings: RawFinding[] = [];
  const outcomes = new Map<string, RuleOutcome>();
  const versionUnknown: string[] = [];
  const base: Record<string, unknown> = {
    ...model,
    hierarchy: model.hierarchy,
    export: model.export,
  };
  withScope({ model, asOf: options.asOf }, () => {
    for (const compiled of rules) {
      const id = compiled.rule.id;
      const context: Record<string, unknown> = { ...base };
      const missing = compiled.requires.find((r) => !safeBool(r.test, context));
      if (missing) {
        outcomes.set(id, { status: 'not-evaluated', reason: missing.missing });
        continue;
      }
      let count = 0;
      let skippedForVersion = false;
      for (const c of compiled.cases) {
        const result = runCase(compiled, c, context, model, data);
        count += result.findings.length;
        findings.push(...result.findings);
        skippedForVersion ||= result.skippedForVersion;
      }
      if (count > 0) outcomes.set(id, { status: 'failed' });
      else if (skippedForVersion) outcomes.set(id, { status: 'not-evaluated', reason: 'the export does not state the site version this rule depends on' });
      else outcomes.set(id, { status: 'passed' });
      if (skippedForVersion) versionUnknown.push(id);
    }
  });
  return { findings: dedupe(findings), outcomes, versionUnknown };
}

function runCase(compiled: CompiledRule, c: CompiledCase, context: Record<string, unknown>, model: Model, data: unknown) {
  const findings: RawFinding[] = [];
  let skippedForVersion = false;
  const rule = compiled.rule;
  let elements: unknown[];
  try {
    elements = c.forEach ? toList(c.forEach(context)) : [model.hierarchy];
  } catch (error) {
    findings.push(evaluationError(rule.id, c, error, []));
    return { findings, skippedForVersion };
  }
  for (const element of elements) {
    context.it = element;
    const origin = originOf(element) ?? [];
    try {
      if (c.versions) {
        const version = versionOf(element, model);
        if (version === undefined) {
          if (!c.where || c.where(context) === true) skippedForVersion = true;
          continue;
        }
        if (c.versions.from !== undefined && version < BigInt(c.versions.from)) continue;
        if (c.versions.before !== undefined && version >= BigInt(c.versions.before)) continue;
      }
      if (c.where && c.where(context) !== true) continue;
      if (c.schema) {
        const raw = valueAt(data, origin);
        if (!c.schema(raw)) {
          for (const error of c.schema.errors ?? []) {
            const sub = error.instancePath.split('/').slice(1).map(pointerPart);
            context.schemaError = `${error.instancePath ? error.instancePath.slice(1) + ' ' : ''}${error.message ?? 'is invalid'}`;
            findings.push(makeFinding(rule.id, c, context, [...origin, ...sub], c.at === undefined));
          }
          delete context.schemaError;
        }
        continue;
      }
      if (c.report || c.assert?.(context) !== true) {
        findings.push(makeFinding(rule.id, c, context, origin, false));
      }
    } catch (error) {
      findings.push(evaluationError(rule.id, c, error, origin));
    }
  }
  delete context.it;
  return { findings, skippedForVersion };
}

function makeFinding(ruleId: string, c: CompiledCase, context: Record<string, unknown>, origin: Pointer, exact: boolean): RawFinding {
  const pointer = c.at && !exact ? resolveAt(origin, c.at.render(context)) : origin;
  const finding: RawFinding = { ruleId, severity: c.severity, message: c.message.render(context), pointer };
  if (c.expected) finding.expected = c.expected.render(context);
  if (c.actual) finding.actual = c.actual.render(context);
  return finding;
}

function resolveAt(origin: Pointer, at: string): Pointer {
  const absolute = at.startsWith('/');
  const parts = at.split('/').filter((p) => p !== '').map(pointerPart);
  return absolute ? parts : [...origin, ...parts];
}

function pointerPart(part: string): string | number {
  const decoded = part.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^(0|[1-9][0-9]*)$/.test(decoded) ? Number(decoded) : decoded;
}

function versionOf(element: unknown, model: Model): bigint | undefined {
  const own = (element as Record<string, unknown>)?.version;
  if (typeof own === 'bigint') return own;
  const overall = model.hierarchy.version;
  return typeof overall === 'bigint' ? overall : undefined;
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') return [value];
  return [];
}

function safeBool(test: (context: Record<string, unknown>) => unknown, context: Record<string, unknown>): boolean {
  try {
    return test(context) === true;
  } catch {
    return false;
  }
}

function evaluationError(ruleId: string, c: CompiledCase, error: unknown, origin: Pointer): RawFinding {
  const reason = error instanceof Error ? error.message.split('\n')[0] : display(error);
  return {
    ruleId: 'CML009',
    severity: 'error',
    message: `Rule ${ruleId} (case ${c.index + 1}) could not be evaluated here: ${reason}. This is a fault in the rule, not in the export.`,
    pointer: origin,
  };
}

export function valueAt(data: unknown, pointer: Pointer): unknown {
  let node = data;
  for (const part of pointer) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, part) ? (node as Record<string, unknown>)[part as string] : undefined;
  }
  return node;
}

function dedupe(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\u0000${(f.pointer ?? []).join('\u0000')}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
