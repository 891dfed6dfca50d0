/** Suppression comments in YAML exports: what they suppress, what is reported about them, and how reports show them. */
import { describe, expect, test } from 'vitest';
import { createLinter, type FileResult } from '../../src/lint.js';
import { decodeSource } from '../../src/source/read-source.js';
import { runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

const linter = createLinter({ asOf: AS_OF });

function lint(text: string, options: Parameters<typeof createLinter>[0] = {}): FileResult {
  const l = Object.keys(options).length ? createLinter({ asOf: AS_OF, ...options }) : linter;
  return l.lintSource(decodeSource('site.yaml', Buffer.from(text, 'utf8')));
}

/** BROKEN_EXPORT with lines inserted before 0-based line `at`. */
function withLines(at: number, ...lines: string[]): string {
  const rows = BROKEN_EXPORT.split('\n');
  rows.splice(at, 0, ...lines);
  return rows.join('\n');
}

const CMG_LINE = 12; // 0-based index of "    SiteCode: P01" under cloudManagementGateways

function summary(result: FileResult) {
  return result.findings.map(
    (f) =>
      `${f.region.startLine} ${f.ruleId}${f.suppression ? ` suppressed(${f.suppression.kind}: ${f.suppression.justification})` : ''}`,
  );
}

describe('cmlint-disable-next-line', () => {
  test('suppresses the named rule on the next line, with the reason as justification', () => {
    const result = lint(
      withLines(CMG_LINE, '    # cmlint-disable-next-line CMG001 -- the CMG moves to the CAS in June'),
    );
    const cmg = result.findings.find((f) => f.ruleId === 'CMG001')!;
    expect(cmg.region.startLine).toBe(14);
    expect(cmg.suppression).toEqual({ kind: 'inSource', justification: 'the CMG moves to the CAS in June' });
    expect(result.findings.filter((f) => f.ruleId.startsWith('CML01'))).toEqual([]);
  });

  test('takes several rules, separated by commas or spaces', () => {
    const text = withLines(CMG_LINE, '    # cmlint-disable-next-line SITE003, CMG001 CMG002 -- reasons');
    const result = lint(text);
    expect(result.findings.find((f) => f.ruleId === 'CMG001')!.suppression).toBeDefined();
    // SITE003 and CMG002 have no finding on that line: each is reported as unused.
    const unused = result.findings.filter((f) => f.ruleId === 'CML011');
    expect(unused.map((f) => f.message)).toEqual([
      expect.stringContaining('no SITE003 finding'),
      expect.stringContaining('no CMG002 finding'),
    ]);
    expect(unused.every((f) => f.region.startLine === 13 && f.severity === 'warning')).toBe(true);
  });

  test('does not reach past the next line', () => {
    const result = lint(withLines(CMG_LINE - 1, '  # cmlint-disable-next-line CMG001 -- wrong line'));
    expect(result.findings.find((f) => f.ruleId === 'CMG001')!.suppression).toBeUndefined();
    expect(summary(result)).toContain('12 CML011');
  });

  test('without a reason it is CML010 and suppresses nothing', () => {
    for (const comment of [
      '# cmlint-disable-next-line CMG001',
      '# cmlint-disable-next-line CMG001 --',
      '# cmlint-disable-next-line CMG001 --   ',
    ]) {
      const result = lint(withLines(CMG_LINE, `    ${comment}`));
      expect(result.findings.find((f) => f.ruleId === 'CMG001')!.suppression, comment).toBeUndefined();
      const invalid = result.findings.filter((f) => f.ruleId === 'CML010');
      expect(invalid, comment).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ severity: 'error', region: { startLine: 13, startColumn: 5 } });
      expect(invalid[0]!.message).toMatch(/gives no reason/);
    }
  });

  test('a rule that does not exist, no rule, or an unknown directive is CML010', () => {
    const result = lint(
      withLines(
        0,
        '# cmlint-disable-next-line CMG0001 -- typo',
        '# cmlint-disable-next-line -- which rule?',
        '# cmlint-disable-line CMG001 -- not a directive',
        '# cmlint-disable CML010 -- not allowed',
      ),
    );
    expect(result.findings.filter((f) => f.ruleId === 'CML010').map((f) => [f.region.startLine, f.message])).toEqual([
      [1, expect.stringMatching(/names "CMG0001", which is not a rule \(did you mean CMG001\?\)/)],
      [2, expect.stringMatching(/names no rule/)],
      [3, expect.stringMatching(/"cmlint-disable-line" is not a cmlint directive/)],
      [4, expect.stringMatching(/cannot suppress CML010/)],
    ]);
  });

  test('an unknown rule id near a loaded one gets a "did you mean"; one far from every id gets none', () => {
    const result = lint(
      withLines(
        0,
        '# cmlint-disable-next-line cmg001, NET0013 -- typos',
        '# cmlint-disable-next-line NOTARULE -- far from any',
      ),
    );
    const messages = result.findings.filter((f) => f.ruleId === 'CML010').map((f) => f.message);
    expect(messages[0]).toMatch(/"cmg001": did you mean CMG001\?; "NET0013": did you mean NET013\?/);
    expect(messages[1]).toMatch(/names "NOTARULE", which is not a rule; /);
  });

  test('an ordinary comment that mentions cmlint is not a directive', () => {
    const result = lint(withLines(0, '# checked with cmlint-disable-next-line in mind', '# see cmlint docs'));
    expect(result.findings.filter((f) => f.ruleId.startsWith('CML01'))).toEqual([]);
  });
});

describe('cmlint-disable (the whole file)', () => {
  test('suppresses every finding of the rule in the file, wherever the comment is', () => {
    const result = lint(
      `${BROKEN_EXPORT}# cmlint-disable SITE003, SITE009 -- sites are upgraded and enabled by CHG-1234\n`,
    );
    const affected = result.findings.filter((f) => f.ruleId === 'SITE003' || f.ruleId === 'SITE009');
    expect(affected.length).toBeGreaterThan(0);
    expect(affected.every((f) => f.suppression?.justification === 'sites are upgraded and enabled by CHG-1234')).toBe(
      true,
    );
    expect(result.findings.find((f) => f.ruleId === 'CMG001')!.suppression).toBeUndefined();
  });

  test('unused when the rule has no finding in the file', () => {
    const result = lint(`# cmlint-disable NET001 -- nothing here\n${BROKEN_EXPORT}`);
    expect(summary(result)).toContain('1 CML011');
  });

  test('unused suppressions of a rule turned off are not reported; CML011 itself can be turned off', () => {
    const text = `# cmlint-disable NET001 -- nothing here\n${BROKEN_EXPORT}`;
    expect(summary(lint(text, { ruleSeverity: { NET001: 'off' } }))).not.toContain('1 CML011');
    expect(summary(lint(text, { ruleSeverity: { CML011: 'off' } }))).not.toContain('1 CML011');
    expect(
      lint(text, { ruleSeverity: { CML011: 'error' } }).findings.find((f) => f.ruleId === 'CML011')!.severity,
    ).toBe('error');
  });
});

describe('suppressed findings in reports and the exit code', () => {
  const dir = writeTree(tempDir('suppress-cli'), {
    'cmlint.config.yaml': `asOf: "${AS_OF}"\nrules:\n  SITE003: off\n  SITE009: off\n`,
    'site.yaml': withLines(CMG_LINE, '    # cmlint-disable-next-line CMG001 -- the CMG moves to the CAS in June'),
  });

  test('text: left out of the findings and the exit code, counted in the summary', () => {
    const result = runCli(['lint', 'site.yaml'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/CMG001/);
    expect(result.stdout).toMatch(/no problems; 1 suppressed/);
  });

  test('SARIF: kept, with suppressions kind inSource and the justification', () => {
    const sarif = JSON.parse(runCli(['lint', 'site.yaml', '--format', 'sarif'], { cwd: dir }).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CMG001');
    expect(result.suppressions).toEqual([{ kind: 'inSource', justification: 'the CMG moves to the CAS in June' }]);
    expect(result.locations[0].physicalLocation.region.startLine).toBe(14);
  });

  test('JSON: kept, with its suppression', () => {
    const json = JSON.parse(runCli(['lint', 'site.yaml', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'CMG001').suppression).toEqual({
      kind: 'inSource',
      justification: 'the CMG moves to the CAS in June',
    });
  });

  test('a suppression without a reason fails the run (CML010 is an error and the finding stays)', () => {
    const bad = writeTree(tempDir('suppress-bad'), {
      'cmlint.config.yaml': `asOf: "${AS_OF}"\nrules:\n  SITE003: off\n  SITE009: off\n`,
      'site.yaml': withLines(CMG_LINE, '    # cmlint-disable-next-line CMG001'),
    });
    const result = runCli(['lint', 'site.yaml'], { cwd: bad });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /13:5 +error +Suppression comment "cmlint-disable-next-line" gives no reason.*CML010/,
    );
    expect(result.stdout).toMatch(/14:15 +error .*CMG001/);
  });
});
