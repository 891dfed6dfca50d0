/**
 * Rules that compare elements with each other stay close to linear and their reports bounded (issue: 1,000 CMGs took
 * 24 s and wrote 128 MB, 3,000 ended in "Invalid string length"); a problem between two elements is reported once,
 * at the element to change, with the other as a related location (SARIF relatedLocations).
 */
import { describe, expect, test } from 'vitest';
// @ts-expect-error the benchmark's generator is plain JavaScript
import { manyCmgsExport } from '../../bench/many-cmgs.mjs';
import { createLinter, lintText } from '../../src/lint.js';
import { buildSarif } from '../../src/report/sarif.js';
import { formatJson } from '../../src/report/json.js';
import { decodeSource } from '../../src/source/read-source.js';
import type { Rule } from '../../src/rules/rule.js';

const AS_OF = '2026-12-07';

describe('3,000 CMGs sharing a site, a subscription and a server certificate', () => {
  test('lint to an end with bounded messages and a bounded report', () => {
    const text: string = manyCmgsExport(3000);
    const linter = createLinter({ asOf: AS_OF });
    const result = linter.lintSource(decodeSource('many-cmgs.yaml', Buffer.from(text)));
    const byRule = new Map<string, number>();
    for (const f of result.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    // The certificate is shared: each CMG after the first is told once, naming at most three of the earlier ones.
    expect(byRule.get('PKI010')).toBe(2999);
    // Four regions at one site: one note for the site, not one per CMG naming all the others.
    expect(byRule.get('CMG011')).toBe(1);
    expect(byRule.has('CML009')).toBe(false);
    for (const f of result.findings) {
      expect(f.message.length, `${f.ruleId}: ${f.message.slice(0, 120)}`).toBeLessThan(1000);
      expect(f.related?.length ?? 0).toBeLessThanOrEqual(5);
    }
    const pki = result.findings.find((f) => f.ruleId === 'PKI010' && f.message.includes('cmg03000'))!;
    expect(pki.message).toMatch(
      /with CMG cmg00001\.contoso\.com, CMG cmg00002\.contoso\.com, CMG cmg00003\.contoso\.com and 2996 more, listed before it/,
    );
    const cmg011 = result.findings.find((f) => f.ruleId === 'CMG011')!;
    expect(cmg011.message).toMatch(/and 2996 more\)/);
    // Every finding carries about a line of text: the JSON report grows with the number of findings, not its square.
    const json = formatJson({ files: [result], rules: linter.rules, toolVersion: 'test', cwd: process.cwd() });
    expect(json.length).toBeLessThan(result.findings.length * 2000);
  }, 120_000);
});

describe('one violation, one finding, with the other element as a related location', () => {
  const twoCmgs = [
    'schemaVersion: 1',
    'hierarchy:',
    '  sites:',
    '    - SiteCode: P01',
    '      SiteType: Primary',
    '      Version: 2403',
    'cloudManagementGateways:',
    '  - ServiceName: granitefalls.contoso.com',
    '    SiteCode: P01',
    '    DeploymentModel: VirtualMachineScaleSet',
    '  - ServiceName: GraniteFalls.fabrikam.com',
    '    SiteCode: P01',
    '    DeploymentModel: VirtualMachineScaleSet',
    '',
  ].join('\n');

  test('a name clash is reported at the later CMG, which points at the earlier one', () => {
    const result = lintText(twoCmgs, 'clash.yaml', { asOf: AS_OF });
    const clashes = result.findings.filter((f) => f.ruleId === 'CMG022');
    expect(clashes).toHaveLength(1);
    expect(clashes[0]!.region.startLine).toBe(11);
    expect(clashes[0]!.message).toContain('granitefalls.contoso.com');
    expect(clashes[0]!.related?.map((r) => r.region?.startLine)).toEqual([8]);
  });

  test('SARIF carries the related location, in the same artifact', () => {
    const result = lintText(twoCmgs, 'clash.yaml', { asOf: AS_OF });
    const linter = createLinter({ asOf: AS_OF });
    const sarif = buildSarif({ files: [result], rules: linter.rules, toolVersion: 'test', cwd: process.cwd() });
    const clash = (sarif.runs[0]!.results as Record<string, any>[]).find((r) => r.ruleId === 'CMG022')!;
    expect(clash.relatedLocations).toHaveLength(1);
    expect(clash.relatedLocations[0].physicalLocation.region.startLine).toBe(8);
    expect(clash.relatedLocations[0].physicalLocation.artifactLocation).toEqual(
      clash.locations[0].physicalLocation.artifactLocation,
    );
    expect(clash.relatedLocations[0].message.text).toBe('Also involved: /cloudManagementGateways/0');
  });
});

describe('check.let', () => {
  const rule = (letText: string): Rule => ({
    id: 'TEST001',
    title: 'test',
    severity: 'error',
    sources: [{ title: 't', url: 'https://example.com' }],
    description: 'd',
    rationale: 'r',
    fix: 'f',
    family: 'TEST',
    helpUri: 'https://example.com',
    origin: 'test/TEST001.yaml',
    builtin: false,
    check: {
      let: { firstName: letText },
      cases: [
        {
          forEach: 'cmgs',
          assert: 'it.ServiceName == firstName',
          message: '{{ it.ServiceName }} is not {{ firstName }}',
        },
      ],
    },
  });
  const text =
    'schemaVersion: 1\ncloudManagementGateways:\n  - ServiceName: a.contoso.com\n    SiteCode: P01\n  - ServiceName: b.contoso.com\n    SiteCode: P01\n';

  test('is computed once and seen by the cases', () => {
    const result = createLinter({ rules: [rule('cmgs[0].ServiceName')], asOf: AS_OF }).lintSource(
      decodeSource('x.yaml', Buffer.from(text)),
    );
    expect(result.findings.map((f) => `${f.region.startLine} ${f.message}`)).toEqual([
      '5 b.contoso.com is not a.contoso.com',
    ]);
  });

  test('that fails: one CML009 naming the rule and the let, and the rule is not evaluated (never passed)', () => {
    const result = createLinter({ rules: [rule('cmgs[5].ServiceName')], asOf: AS_OF }).lintSource(
      decodeSource('x.yaml', Buffer.from(text)),
    );
    expect(result.findings.map((f) => f.ruleId)).toEqual(['CML009']);
    expect(result.findings[0]!.message).toMatch(/^Rule TEST001 could not be evaluated: let firstName: /);
    expect(result.outcomes.get('TEST001')?.status).toBe('not-evaluated');
  });
});
