/** Every row of the specification (../shared/docs/constraints.md, present in CI) is a rule with its id and default severity. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRules } from '../../src/rules/load-rules.js';

const shared = process.env.CMLINT_SHARED;
const catalogue = shared ? join(shared, 'docs', 'constraints.md') : undefined;

const present = catalogue !== undefined && existsSync(catalogue);

describe.skipIf(!present)('the constraint catalogue (CI, ../shared)', () => {
  // vitest still runs a skipped suite's body to collect it: read the catalogue only when it is there.
  const text = present ? readFileSync(catalogue!, 'utf8') : '';
  const rows = [...text.matchAll(/^\| ([A-Z]+\d{3}) \|(.*)\|\s*$/gm)].map((m) => {
    const cells = m[2]!.split('|').map((c) => c.trim());
    const severity = cells.find((c) => ['error', 'warning', 'note'].includes(c));
    return { id: m[1]!, severity };
  });
  const rules = new Map(loadRules().map((r) => [r.id, r]));

  test('has 132 rows', () => expect(rows.length).toBe(132));
  for (const row of rows) {
    test(`${row.id} is a rule with severity ${row.severity}`, () => {
      const rule = rules.get(row.id);
      expect(rule, `rules/${row.id}.yaml`).toBeDefined();
      expect(rule!.severity).toBe(row.severity);
      expect(rule!.helpUri).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    });
  }
});
