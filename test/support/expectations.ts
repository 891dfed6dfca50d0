/**
 * Fixture expectations: a fixture marks each finding it expects on the line where it should appear,
 * with a trailing comment `# expect: RULE1, RULE2` (a rule may repeat: `RULE1 x2`). Lines that cannot carry a
 * comment are marked anywhere with `# expect-line: 12 RULE1`. JSON fixtures list `LINE RULE` pairs in a
 * sibling file named like the fixture plus `.expect`. A header comment `# fixture: as-of=YYYY-MM-DD` sets the run date.
 * `# expect-outcome: CLIENT009 partly-evaluated` expects what became of a rule on the file (passed, failed,
 * partly-evaluated, not-evaluated), for what a finding cannot show: a rule that could not judge everything.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface Expectation {
  line: number;
  ruleId: string;
}

export interface FixtureSpec {
  expected: Expectation[];
  asOf?: string;
  /** Rule outcomes expected on the file, by rule id. */
  outcomes: Map<string, string>;
}

const RULE_ID = /^[A-Z][A-Z0-9]*[0-9]{3}$/;

export function readFixtureSpec(path: string, text: string): FixtureSpec {
  const expected: Expectation[] = [];
  let asOf: string | undefined;
  const outcomes = new Map<string, string>();
  const addAll = (line: number, list: string) => {
    for (const item of list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [id, times] = item.split(/\s+x/);
      if (!RULE_ID.test(id!)) throw new Error(`${path}:${line}: "${id}" is not a rule id`);
      for (let i = 0; i < Number(times ?? 1); i++) expected.push({ line, ruleId: id! });
    }
  };
  text.split(/\r\n|\r|\n/).forEach((row, index) => {
    const line = index + 1;
    const outcome =
      /#\s*expect-outcome:\s*([A-Z][A-Z0-9]*[0-9]{3})\s+(passed|failed|partly-evaluated|not-evaluated)\s*$/.exec(row);
    if (outcome) return void outcomes.set(outcome[1]!, outcome[2]!);
    const at = /#\s*expect-line:\s*(\d+)\s+(.+)$/.exec(row);
    if (at) return addAll(Number(at[1]), at[2]!);
    const mark = /#\s*expect:\s*(.+)$/.exec(row);
    if (mark) addAll(line, mark[1]!);
    const header = /#\s*fixture:.*\bas-of=(\d{4}-\d{2}-\d{2})/.exec(row);
    if (header) asOf = header[1];
  });
  const sidecar = `${path}.expect`;
  if (existsSync(sidecar)) {
    for (const row of readFileSync(sidecar, 'utf8').split(/\r?\n/)) {
      const m = /^(\d+)\s+(.+)$/.exec(row.trim());
      if (m) addAll(Number(m[1]), m[2]!);
      const header = /as-of=(\d{4}-\d{2}-\d{2})/.exec(row);
      if (header) asOf = header[1];
    }
  }
  return { expected, asOf, outcomes };
}

export function formatExpectations(list: Expectation[]): string[] {
  return list.map((e) => `${e.line} ${e.ruleId}`).sort(compareLines);
}

function compareLines(a: string, b: string): number {
  const [la, ra] = a.split(' ');
  const [lb, rb] = b.split(' ');
  return Number(la) - Number(lb) || (ra! < rb! ? -1 : ra! > rb! ? 1 : 0);
}
