/**
 * Markdown and link injection (issue 21, item 7). Values from an export and prose and URLs from a custom rule file
 * reach Markdown in two places: the Action's job summary and SARIF's help.markdown (and message.text, which code
 * scanning reads with SARIF's embedded-link syntax). Rendered by a real Markdown renderer with raw HTML and
 * auto-linking of bare URLs, www. names and e-mail addresses turned on (markdown-it with linkify, standing in for
 * GitHub's renderer), nothing from them becomes a link, an image or HTML; the only links are cmlint's own.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { jobSummary } from '../../src/action/main.js';
import { createLinter } from '../../src/lint.js';
import { markdownText, markdownUrl } from '../../src/report/markup-escape.js';
import { buildSarif, messageText } from '../../src/report/sarif.js';
import { toRule } from '../../src/rules/load-rules.js';
import { decodeSource } from '../../src/source/read-source.js';
import { runCli } from '../support/cli.js';
import { multitoolPath, registrySarifValidator } from '../support/sarif-schemas.js';
import { AS_OF, BROKEN_EXPORT, tempDir, writeTree } from '../support/workspace.js';

const markdown = new MarkdownIt({ html: true, linkify: true });
markdown.linkify.set({ fuzzyEmail: true, fuzzyLink: true });

/** Every link and image a Markdown text renders to. */
function linksOf(text: string): string[] {
  const html = markdown.render(text);
  return [...html.matchAll(/<(a|img)\b[^>]*?(?:href|src)="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

const INJECTIONS = [
  'https://evil.example/phish',
  'www.evil.example',
  'admin@evil.example',
  '[click here](https://evil.example/a)',
  '![tracker](https://evil.example/pixel.png)',
  '<img src="https://evil.example/x.png" onerror="alert(1)">',
  '<a href="https://evil.example">x</a>',
  '**bold** _em_ `code` | cell | @octocat #1',
];

describe('markdownText: nothing becomes a link, an image or HTML', () => {
  test.each(INJECTIONS)('%s', (value) => {
    const text = markdownText(value);
    expect(linksOf(text)).toEqual([]);
    const html = markdown.renderInline(text);
    expect(html).not.toMatch(/<(?!code>|\/code>)[a-z]/i);
  });

  test('a URL from a rule file is encoded so it cannot close its link', () => {
    const hostile = 'https://example.com/a)![x](https://evil.example/p.png)[y](https://evil.example)';
    const url = markdownUrl(hostile)!;
    expect(linksOf(`[RULE001](${url})`)).toEqual([`a ${url}`]);
    expect(markdownUrl('https://example.com/a b')).toBeUndefined();
    expect(markdownUrl('javascript:alert(1)')).toBeUndefined();
    expect(markdownUrl('http://example.com/')).toBeUndefined();
  });
});

/** A custom rule whose prose and source links try to inject, and whose message quotes an export value. */
function hostileRuleFile(url: string): string {
  return [
    'id: INJ001',
    'title: Injection attempt',
    'severity: error',
    'sources:',
    `  - title: ${JSON.stringify('Docs ![x](https://evil.example/t.png) <b>bold</b>')}`,
    `    url: ${JSON.stringify(url)}`,
    `description: ${JSON.stringify('Checks. <img src=x onerror=alert(1)> [click](https://evil.example) www.evil.example')}`,
    'rationale: Because.',
    'fix: Fix it.',
    'check:',
    '  cases:',
    '    - forEach: cmgs',
    '      report: true',
    '      message: "{{ it.ServiceName }}"',
    '',
  ].join('\n');
}

const HOSTILE_URL = 'https://example.com/a)![x](https://evil.example/p.png)[y](https://evil.example)';
const HOSTILE_NAME = '[click](https://evil.example/a) www.evil.example';

function lintHostile() {
  const dir = writeTree(tempDir('injection'), { 'custom/INJ001.yaml': hostileRuleFile(HOSTILE_URL) });
  const linter = createLinter({ asOf: AS_OF, customRuleFolders: [join(dir, 'custom')] });
  const text = BROKEN_EXPORT.replace('ServiceName: cmg.contoso.com', `ServiceName: ${JSON.stringify(HOSTILE_NAME)}`);
  const result = linter.lintSource(decodeSource('exports/a(b)c).yaml', Buffer.from(text)));
  return { linter, result };
}

describe('the job summary', () => {
  test('rule URL, export values and a file name with ")" come out inert', () => {
    const { linter, result } = lintHostile();
    expect(result.findings.some((f) => f.ruleId === 'INJ001' && f.message.includes('[click]'))).toBe(true);
    const summary = jobSummary(
      [result],
      linter.rules,
      { error: 1, warning: 0, note: 0, suppressed: 0 },
      {
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_SHA: 'abc',
        GITHUB_SERVER_URL: 'https://github.com',
      },
    );
    const links = linksOf(summary);
    // The only links: rule documentation (https, encoded) and the source lines on github.com.
    for (const link of links)
      expect(link).toMatch(
        /^a https:\/\/(github\.com\/o\/r\/blob\/abc\/exports\/a%28b%29c%29\.yaml#L\d+|example\.com\/a%29!%5Bx%5D%28https:\/\/evil\.example\/p\.png%29%5By%5D%28https:\/\/evil\.example%29|learn\.microsoft\.com\/|github\.com\/cmlint\/)/,
      );
    expect(links.some((l) => l.includes('/blob/abc/exports/a%28b%29c%29.yaml#L'))).toBe(true);
    expect(links.filter((l) => l.startsWith('img'))).toEqual([]);
    expect(markdown.render(summary)).not.toMatch(/<img|<b>/);
  });
});

describe('SARIF', () => {
  test('message.text escapes link syntax; help.markdown of a custom rule is escaped text', () => {
    const { linter, result } = lintHostile();
    const log = buildSarif({ files: [result], rules: linter.rules, toolVersion: '0', cwd: process.cwd() });
    const validate = registrySarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0]!;
    const message = (run.results as { ruleId: string; message: { text: string } }[]).find((r) => r.ruleId === 'INJ001')!
      .message.text;
    expect(message).toContain('\\[click\\](https://evil.example/a)');
    const rule = run.tool.driver.rules.find((r) => r.id === 'INJ001')!;
    expect(linksOf(rule.help.markdown).map((l) => l.split(' ')[1])).toEqual([markdownUrl(HOSTILE_URL)]);
    expect(markdown.render(rule.help.markdown)).not.toMatch(/<img|<b>/);
    expect(messageText('a \\[b] [c]')).toBe('a \\\\\\[b\\] \\[c\\]');
  });

  const multitool = multitoolPath();
  test.skipIf(!multitool)(
    "the hostile log passes Microsoft's SARIF validator with GitHub's rules",
    () => {
      const { linter, result } = lintHostile();
      const dir = tempDir('injection-multitool');
      const input = join(dir, 'cmlint.sarif');
      const output = join(dir, 'validation.sarif');
      writeFileSync(
        input,
        JSON.stringify(buildSarif({ files: [result], rules: linter.rules, toolVersion: '0.1.0', cwd: process.cwd() })),
      );
      try {
        chmodSync(multitool!, 0o755);
      } catch {
        // read-only install: try as is
      }
      const run = spawnSync(multitool!, ['validate', input, '--rule-kind', 'Sarif;Gh', '-o', output], {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      });
      expect(run.error).toBeUndefined();
      const verdict = JSON.parse(readFileSync(output, 'utf8'));
      const problems = (verdict.runs[0].results ?? []).map(
        (r: { ruleId: string; message: { text?: string; arguments?: string[] } }) =>
          `${r.ruleId} ${JSON.stringify(r.message.arguments ?? r.message.text)}`,
      );
      expect(problems).toEqual([]);
    },
    180_000,
  );
});

describe('a rule URL that is not a plain https URL is refused when the rule is loaded', () => {
  test.each([
    ['a space', 'https://example.com/a b', 'must not contain whitespace or control characters'],
    ['http (the rule schema refuses it first)', 'http://example.com/', ''],
    ['credentials', 'https://user:pass@example.com/', 'must not contain a user name or password'],
    ['not a URL', 'https://', 'is not a URL'],
  ])('%s', (_name, url, problem) => {
    const dir = writeTree(tempDir('rule-url'), {
      'custom/INJ001.yaml': hostileRuleFile(url),
      'site.yaml': BROKEN_EXPORT,
    });
    const run = runCli(
      ['lint', '--no-config', '--as-of', AS_OF, '--rules', 'custom', '--format', 'sarif', 'site.yaml'],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    if (!problem) {
      expect(run.stderr.trimEnd()).toBe(
        'cmlint: custom/INJ001.yaml: invalid rule file: /sources/0/url must match pattern "^https://"',
      );
      return;
    }
    expect(run.stderr.trimEnd()).toBe(`cmlint: custom/INJ001.yaml:6: sources[0].url ${problem}`);
    expect(() =>
      toRule(
        {
          id: 'INJ002',
          title: 'A title',
          severity: 'error',
          sources: [{ title: 't', url }],
          description: 'd',
          rationale: 'r',
          fix: 'f',
          emittedBy: 'engine',
        },
        'x/INJ002.yaml',
        false,
      ),
    ).toThrow(problem);
  });
});
