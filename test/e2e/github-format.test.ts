/**
 * `--format github`: workflow commands the Actions runner turns into annotations. An export's values are data: none
 * may end a command line early or start a command of its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createLinter } from '../../src/lint.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { decodeSource } from '../../src/source/read-source.js';
import { runCli } from '../support/cli.js';
import { AS_OF, BROKEN_EXPORT, tempDir } from '../support/workspace.js';

/** Parses one line the way the runner does (ActionCommand.TryParseV2): `::name props::message`, then unescapes. */
function parseCommand(
  line: string,
): { command: string; properties: Record<string, string>; message: string } | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('::')) return undefined;
  const end = trimmed.indexOf('::', 2);
  if (end < 0) return undefined;
  const head = trimmed.slice(2, end);
  const space = head.indexOf(' ');
  const command = space < 0 ? head : head.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of head.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0)
        properties[pair.slice(0, eq)] = pair
          .slice(eq + 1)
          .replace(/%0D/g, '\r')
          .replace(/%0A/g, '\n')
          .replace(/%3A/g, ':')
          .replace(/%2C/g, ',')
          .replace(/%25/g, '%');
    }
  }
  const message = trimmed
    .slice(end + 2)
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%');
  return { command, properties, message };
}

const HOSTILE = 'cmg\n::error::owned\r\n::set-output name=pwned::1 %0A::add-mask::x, a:b %25';
const HOSTILE_EXPORT = BROKEN_EXPORT.replace('ServiceName: cmg.contoso.com', `ServiceName: ${JSON.stringify(HOSTILE)}`);
const HOSTILE_FILE = 'in,je:ct %0A.yaml';

describe('escaping', () => {
  test('data: %, CR and LF', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeData('already %0A encoded')).toBe('already %250A encoded');
  });

  test('properties: also : and ,', () => {
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  test('other control characters are shown, not passed to the log', () => {
    expect(escapeData('bell\u0007 esc\u001b[31m')).toBe('bell\\x07 esc\\e[31m');
  });
});

describe('--format github', () => {
  const linter = createLinter({ asOf: AS_OF });

  test('one command per finding with file, line, col, endLine, endColumn and title', () => {
    const result = linter.lintSource(decodeSource('exports/site.yaml', Buffer.from(BROKEN_EXPORT)));
    const out = formatGithub({ files: [result], rules: linter.rules, toolVersion: '0', cwd: process.cwd() });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(result.findings.length);
    const cmg = lines.map(parseCommand).find((c) => c?.message.endsWith('(CMG001)'))!;
    expect(cmg.command).toBe('error');
    expect(cmg.properties).toEqual({
      file: 'exports/site.yaml',
      line: '13',
      col: '15',
      endLine: '13',
      endColumn: '18',
      title: 'CMG001: The CMG is created at the top-tier site',
    });
    expect(
      lines.every((l) =>
        /^::(error|warning|notice) file=exports\/site\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:,]+::/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  test('export values cannot inject workflow commands (newlines, ::error::, ::set-output, %0A, commas, colons)', () => {
    const result = linter.lintSource(decodeSource(HOSTILE_FILE, Buffer.from(HOSTILE_EXPORT)));
    // Messages quote at most 60 characters of a value (MAX_QUOTED): the first 59 and an ellipsis.
    expect(result.findings.some((f) => f.message.includes(`${HOSTILE.slice(0, 59)}…`))).toBe(true);
    const out = formatGithub({ files: [result], rules: linter.rules, toolVersion: '0', cwd: process.cwd() });
    const lines = out.trimEnd().split(/\r\n|\r|\n/);
    // As many lines as findings: no value broke a line.
    expect(lines).toHaveLength(result.findings.length);
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning|notice) file=/);
      // The property part ends at the first "::", so it must hold every property and nothing else.
      const command = parseCommand(line)!;
      expect(Object.keys(command.properties)).toEqual(['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
      expect(command.properties.file).toBe(HOSTILE_FILE);
    }
    expect(out).not.toMatch(/^\s*::(set-output|add-mask|stop-commands|error::owned)/m);
    // Decoded as the runner decodes it, the annotation says exactly what the export holds.
    const messages = lines.map((l) => parseCommand(l)!.message);
    expect(messages.some((m) => m.includes(`${HOSTILE.slice(0, 59)}…`))).toBe(true);
    expect(out).toContain('%250A');
  });

  test('suppressed findings are not annotated; the CLI writes the commands to stdout', () => {
    const dir = tempDir('github');
    writeFileSync(
      join(dir, 'site.yaml'),
      BROKEN_EXPORT.replace(
        '    SiteCode: P01\n',
        '    # cmlint-disable-next-line CMG001 -- accepted\n    SiteCode: P01\n',
      ),
    );
    writeFileSync(join(dir, HOSTILE_FILE), HOSTILE_EXPORT);
    const result = runCli(['lint', '--no-config', '--as-of', AS_OF, '--format', 'github', 'site.yaml', HOSTILE_FILE], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    const commands = result.stdout.trimEnd().split('\n').map(parseCommand);
    expect(commands.every((c) => c && ['error', 'warning', 'notice'].includes(c.command))).toBe(true);
    expect(commands.filter((c) => c!.properties.file === 'site.yaml' && c!.message.endsWith('(CMG001)'))).toEqual([]);
    expect(commands.filter((c) => c!.properties.file === HOSTILE_FILE && c!.message.endsWith('(CMG001)'))).toHaveLength(
      1,
    );
  });
});
