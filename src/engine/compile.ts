/** Compiles a rule's CEL expressions, templates and schemas once, reporting any error by rule and field. */
import type { ValidateFunction } from 'ajv';
import type { Severity } from '../findings.js';
import { RuleLoadError } from '../rules/load-rules.js';
import type { Rule } from '../rules/rule.js';
import { createAjv, type AjvInstance } from '../validate/schemas.js';
import { celEnvironment } from './cel-env.js';
import { compileTemplate, type Template } from './template.js';

export type Evaluator = (context: Record<string, unknown>) => unknown;

export interface CompiledCase {
  index: number;
  forEach?: Evaluator;
  where?: Evaluator;
  assert?: Evaluator;
  schema?: ValidateFunction;
  report: boolean;
  at?: Template;
  message: Template;
  expected?: Template;
  actual?: Template;
  severity: Severity;
  versions?: { from?: number; before?: number };
}

export interface CompiledRule {
  rule: Rule;
  requires: { test: Evaluator; missing: string }[];
  cases: CompiledCase[];
}

let schemaCompiler: AjvInstance | undefined;

export function compileRule(rule: Rule): CompiledRule {
  const env = celEnvironment();
  const where = (field: string) => `${rule.origin}: ${field}`;
  const expr = (field: string, text: string): Evaluator => {
    try {
      return env.parse(text) as unknown as Evaluator;
    } catch (error) {
      throw new RuleLoadError(`${where(field)}: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  const template = (field: string, text: string): Template => {
    try {
      return compileTemplate(env, text);
    } catch (error) {
      throw new RuleLoadError(`${where(field)}: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  const check = rule.check ?? { cases: [] };
  return {
    rule,
    requires: (check.requires ?? []).map((r, i) => ({ test: expr(`check.requires[${i}]`, r.expression), missing: r.missing })),
    cases: check.cases.map((c, i) => {
      const field = (name: string) => `check.cases[${i}].${name}`;
      let schema: ValidateFunction | undefined;
      if (c.schema) {
        try {
          schemaCompiler ??= createAjv();
          schema = schemaCompiler.compile(c.schema);
        } catch (error) {
          throw new RuleLoadError(`${where(field('schema'))}: ${(error as Error).message}`);
        }
      }
      return {
        index: i,
        forEach: c.forEach ? expr(field('forEach'), c.forEach) : undefined,
        where: c.where ? expr(field('where'), c.where) : undefined,
        assert: c.assert ? expr(field('assert'), c.assert) : undefined,
        schema,
        report: c.report === true,
        at: c.at ? template(field('at'), c.at) : undefined,
        message: template(field('message'), c.message),
        expected: c.expected ? template(field('expected'), c.expected) : undefined,
        actual: c.actual ? template(field('actual'), c.actual) : undefined,
        severity: c.severity ?? rule.severity,
        versions: c.versions,
      };
    }),
  };
}
