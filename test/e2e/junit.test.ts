/**
 * `--format junit`: one testsuite per file and one testcase per rule, as Azure Pipelines' PublishTestResults and GitLab
 * read them. Well-formedness is checked by a real XML parser (Python's, which CI has for pre-commit).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createLinter } from '../../src/lint.js';
import { formatJunit, xmlAttribute, xmlText } from '../../src/report/junit.js';
import { decodeSource } from '../../src/source/read-source.js';
import { runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, CLEAN_EXPORT, tempDir } from '../support/workspace.js';

const python = spawnSync('python3', ['--version']).status === 0;

interface ParsedCase {
  name: string;
  classname: string;
  failure?: { message: string; type: string; text: string };
  skipped?: string;
  out?: string;
}
interface ParsedSuite {
  name: string;
  tests: number;
  failures: number;
  skipped: number;
  cases: ParsedCase[];
}

/** Parses the report with Python's ElementTree (a strict XML 1.0 parser) into plain data. */
function parseXml(xml: string): { root: string; attrs: Record<string, string>; suites: ParsedSuite[] } {
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
def case(c):
    f = c.find('failure'); s = c.find('skipped'); o = c.find('system-out')
    return {'name': c.get('name'), 'classname': c.get('classname'),
            'failure': None if f is None else {'message': f.get('message'), 'type': f.get('type'), 'text': f.text or ''},
            'skipped': None if s is None else s.get('message'), 'out': None if o is None else (o.text or '')}
print(json.dumps({'root': root.tag, 'attrs': dict(root.attrib), 'suites': [
    {'name': s.get('name'), 'tests': int(s.get('tests')), 'failures': int(s.get('failures')), 'skipped': int(s.get('skipped')),
     'cases': [case(c) for c in s.findall('testcase')]} for s in root.findall('testsuite')]}))
`;
  const result = spawnSync('python3', ['-c', script], { input: xml, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`not well-formed XML: ${result.stderr}`);
  const data = JSON.parse(result.stdout);
  for (const suite of data.suites)
    for (const c of suite.cases) for (const key of ['failure', 'skipped', 'out']) if (c[key] === null) delete c[key];
  return data;
}

const HOSTILE = 'cmg <b>&amp;</b> "quoted" \'single\' ]]> \u0001\u0008\u000b\u001b\ufffe\ud800 tab\there\nnew line';
const linter = createLinter({ asOf: AS_OF });

describe('escaping', () => {
  test('text and attributes', () => {
    expect(xmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(xmlAttribute('say "hi"\n\'there\'\t')).toBe('say &quot;hi&quot;&#10;&apos;there&apos;&#9;');
  });

  test('characters XML 1.0 cannot carry are shown as escapes', () => {
    expect(xmlText('\u0001\u001b\ufffe\ud800 ok 😀')).toBe('\\u{1}\\u{1b}\\u{fffe}\\u{d800} ok 😀');
  });

  test('bidirectional and zero-width characters are shown as escapes, as in every other format', () => {
    expect(xmlText('a\u202eb\u2066c\u200bd\u200de\ufefff\u061cg\u2028h')).toBe(
      'a\\u{202e}b\\u{2066}c\\u{200b}d\\u{200d}e\\u{feff}f\\u{61c}g\\u{2028}h',
    );
    expect(xmlAttribute('name\u202Etxt.exe')).toBe('name\\u{202e}txt.exe');
  });
});

describe.skipIf(!python)(
  python ? '--format junit' : '--format junit (skipped: python3, used as the XML parser, is not installed)',
  () => {
    test('testsuites / testsuite per file / testcase per rule, failures with message and type', () => {
      const broken = linter.lintSource(decodeSource('exports/broken.yaml', Buffer.from(BROKEN_EXPORT)));
      const clean = linter.lintSource(decodeSource('exports/clean.yaml', Buffer.from(CLEAN_EXPORT)));
      const report = parseXml(
        formatJunit({ files: [broken, clean], rules: linter.rules, toolVersion: '0', cwd: process.cwd() }),
      );
      expect(report.root).toBe('testsuites');
      expect(report.suites.map((s) => s.name)).toEqual(['exports/broken.yaml', 'exports/clean.yaml']);
      const [brokenSuite, cleanSuite] = report.suites as [ParsedSuite, ParsedSuite];
      // One testcase per rule evaluated on the file (plus rules such as CML006 that reported without a check).
      expect(brokenSuite.cases.length).toBe(
        new Set([...broken.outcomes.keys(), ...broken.findings.map((f) => f.ruleId)]).size,
      );
      expect(brokenSuite.tests).toBe(brokenSuite.cases.length);
      expect(brokenSuite.failures).toBe(brokenSuite.cases.filter((c) => c.failure).length);
      expect(brokenSuite.skipped).toBe(brokenSuite.cases.filter((c) => c.skipped).length);
      expect(Number(report.attrs.tests)).toBe(brokenSuite.tests + cleanSuite.tests);
      expect(Number(report.attrs.failures)).toBe(brokenSuite.failures + cleanSuite.failures);

      const cmg = brokenSuite.cases.find((c) => c.name.startsWith('CMG001: '))!;
      expect(cmg.classname).toBe('exports/broken.yaml');
      expect(cmg.failure).toMatchObject({
        type: 'error',
        message: expect.stringContaining('cmg.contoso.com is at site P01'),
      });
      expect(cmg.failure!.text).toMatch(/^exports\/broken\.yaml:13:15: error: .*\(CMG001\)$/);
      expect(cleanSuite.cases.find((c) => c.name.startsWith('CMG001: '))!.failure).toBeUndefined();
      // A rule that could not be evaluated is skipped, with the reason.
      expect(brokenSuite.cases.some((c) => c.skipped?.startsWith('not evaluated: '))).toBe(true);
    });

    test('every value is escaped: markup, quotes, ]]>, control characters and lone surrogates from an export', () => {
      const text = BROKEN_EXPORT.replace('ServiceName: cmg.contoso.com', `ServiceName: ${JSON.stringify(HOSTILE)}`);
      const result = linter.lintSource(decodeSource('exports/<&"odd">.yaml', Buffer.from(text)));
      expect(result.findings.some((f) => f.message.includes('<b>&amp;</b>'))).toBe(true);
      const xml = formatJunit({ files: [result], rules: linter.rules, toolVersion: '0', cwd: process.cwd() });
      const report = parseXml(xml);
      expect(report.suites[0]!.name).toBe('exports/<&"odd">.yaml');
      const failure = report.suites[0]!.cases.find((c) => c.name.startsWith('CMG001: '))!.failure!;
      // Round trip: what the parser reads back is the message, with unrepresentable characters shown as escapes.
      // The value is quoted up to 60 characters (MAX_QUOTED): its first 59 and an ellipsis.
      expect(failure.message).toContain(
        'cmg <b>&amp;</b> "quoted" \'single\' ]]> \\u{1}\\u{8}\\u{b}\\u{1b}\\u{fffe}\\u{d800} tab\there\nnew …',
      );
    });

    test('suppressed findings and notes do not fail a testcase; the CLI writes the report', () => {
      const dir = tempDir('junit');
      writeFileSync(
        join(dir, 'site.yaml'),
        BROKEN_EXPORT.replace(
          '    SiteCode: P01\n',
          '    # cmlint-disable-next-line CMG001 -- accepted until June\n    SiteCode: P01\n',
        ),
      );
      const result = runCli(
        ['lint', '--no-config', '--as-of', AS_OF, '--format', 'junit', '--output', 'junit.xml', 'site.yaml'],
        { cwd: dir },
      );
      expect(result.code).toBe(1); // SITE003 is still an error
      const report = parseXml(readFileSync(join(dir, 'junit.xml'), 'utf8'));
      const cmg = report.suites[0]!.cases.find((c) => c.name.startsWith('CMG001: '))!;
      expect(cmg.failure).toBeUndefined();
      expect(cmg.out).toMatch(/\[suppressed \(inSource\): accepted until June\]/);
      expect(report.suites[0]!.cases.find((c) => c.name.startsWith('SITE003: '))!.failure).toBeDefined();
    });
  },
);
