/**
 * JUnit as CI servers read it: every report validates against the JUnit schema (test/schemas/junit.xsd, the
 * constraints of Jenkins' junit-10.xsd) with libxml2's validator (xmllint-wasm), and a testcase fails only at or
 * above --fail-on, so a pipeline that fails on failed tests (Azure Pipelines' PublishTestResults, GitLab's
 * artifacts:reports:junit) fails exactly when the CLI's exit code does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, CLEAN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

// Markup, quotes, a CDATA end, control characters and a lone surrogate in a value that reaches the report.
const HOSTILE_TEXT = 'cmg <b>&amp;</b> "quoted" \'single\' ]]> \u0001\u0008\u001b\ufffe\ud800 tab\there\nnew line';

const XSD = readFileSync(join(ROOT, 'test', 'schemas', 'junit.xsd'), 'utf8');

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: XSD }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

// An export with warnings only at AS_OF (SITE009: 2403 is out of support) and an example with a note.
const dir = writeTree(tempDir('junit-xsd'), {
  'warnings.yaml': CLEAN_EXPORT,
  'broken.yaml': BROKEN_EXPORT,
  'hostile.yaml': BROKEN_EXPORT.replace('ServiceName: cmg.contoso.com', `ServiceName: ${JSON.stringify(HOSTILE_TEXT)}`),
});
const example = join(ROOT, 'examples', 'contoso.yaml');

function junit(args: string[]): { code: number | null; xml: string } {
  const result = runCli(['lint', '--no-config', '--as-of', AS_OF, '--format', 'junit', ...args], { cwd: dir });
  return { code: result.code, xml: result.stdout };
}

const failedCases = (xml: string) => xml.match(/<failure /g)?.length ?? 0;

describe('JUnit against the JUnit schema', () => {
  test('a report of warnings only has no failed testcase; the warnings are in the testcase output', async () => {
    const { code, xml } = junit(['warnings.yaml', example]);
    expect(code).toBe(0);
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    expect(failedCases(xml)).toBe(0);
    expect(xml).toMatch(/<testsuites name="cmlint" tests="\d+" failures="0"/);
    expect(xml).toMatch(
      /<system-out>warnings\.yaml:6:16: warning: Site P01 runs Configuration Manager 2403.*\(SITE009\)<\/system-out>/,
    );
    expect(xml).toMatch(/<system-out>[^<]*: note: [^<]*\(SCALE002\)<\/system-out>/);
  });

  test('--fail-on warning fails the testcases of warnings, --fail-on note those of notes too, like the exit code', async () => {
    const warning = junit(['warnings.yaml', example, '--fail-on', 'warning']);
    expect(warning.code).toBe(1);
    expect(await validate(warning.xml)).toEqual({ valid: true, errors: [] });
    expect(warning.xml).toMatch(/<failure message="Site P01 runs[^"]*" type="warning">warnings\.yaml:6:16: warning:/);
    expect(warning.xml).not.toMatch(/<failure [^>]*>[^<]*: note: /);
    const note = junit(['warnings.yaml', example, '--fail-on', 'note']);
    expect(note.code).toBe(1);
    expect(note.xml).toMatch(/<failure message="CMG granitefalls[^"]*" type="note">/);
    expect(failedCases(note.xml)).toBe(failedCases(warning.xml) + 1);
  });

  test('errors fail their testcase; escaped hostile values and skipped rules still validate', async () => {
    const { code, xml } = junit(['broken.yaml', 'hostile.yaml', 'warnings.yaml']);
    expect(code).toBe(1);
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toMatch(/<failure message="[^"]*" type="error">broken\.yaml:13:15: error:/);
    expect(xml).toContain('<skipped message="not evaluated: ');
  });

  test('the schema rejects what Jenkins would: a skipped count on <testsuites>, a testcase without a name', async () => {
    const { xml } = junit(['warnings.yaml']);
    const withSkipped = xml.replace('<testsuites name="cmlint"', '<testsuites name="cmlint" skipped="0"');
    expect((await validate(withSkipped)).valid).toBe(false);
    const nameless = xml.replace(/<testcase name="[^"]*"/, '<testcase');
    expect((await validate(nameless)).errors.join('\n')).toMatch(/name.*required/);
  });
});
