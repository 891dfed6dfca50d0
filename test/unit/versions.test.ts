/** The version facts (src/versions/version-facts.ts): one table for the schema check, SITE009 and the importer. */
import { describe, expect, test } from 'vitest';
import { lintText } from '../../src/lint.js';
import {
  buildNumberIn,
  isCurrentBranchVersion,
  VERSION_FACTS,
  VersionTable,
  versionFacts,
  versionForBuildNumber,
} from '../../src/versions/version-facts.js';

describe('the table', () => {
  test('versions and build numbers rise together, each version once, dates in order', () => {
    for (let i = 1; i < VERSION_FACTS.length; i++) {
      const [before, after] = [VERSION_FACTS[i - 1]!, VERSION_FACTS[i]!];
      expect(Number(after.version), after.version).toBeGreaterThan(Number(before.version));
      expect(after.buildNumber, after.version).toBeGreaterThan(before.buildNumber);
      expect(after.available! > before.available!, after.version).toBe(true);
    }
    for (const facts of VERSION_FACTS) {
      expect(isCurrentBranchVersion(Number(facts.version)), facts.version).toBe(true);
      expect(facts.supportEnds! > facts.available!, facts.version).toBe(true);
    }
  });

  test('knows the versions Microsoft lists up to 2603', () => {
    expect(versionFacts('2509')).toMatchObject({
      buildNumber: 9141,
      available: '2025-11-12',
      supportEnds: '2027-05-12',
    });
    expect(versionFacts('2603')).toMatchObject({
      buildNumber: 9146,
      available: '2026-05-05',
      supportEnds: '2027-11-05',
    });
    expect(versionFacts('2609')).toBeUndefined();
  });
});

describe('build numbers', () => {
  test.each([
    [9122, '2309'],
    ['9122', '2309'],
    ['5.00.9122.1000', '2309'],
    ['5.0.8634.1000', '1802'],
    ['5.00.8412.1307', '1606'],
  ])('%s is the build of %s', (build, version) => {
    expect(versionForBuildNumber(build)?.version).toBe(version);
  });

  test('what is not a known build', () => {
    expect(versionForBuildNumber(2309)).toBeUndefined();
    expect(versionForBuildNumber('5.1802.1082.1700')).toBeUndefined(); // a console version
    expect(buildNumberIn('x9122')).toBeUndefined();
  });
});

describe('current-branch versions', () => {
  test.each([
    [1511, true],
    [2403, true],
    [2412, true],
    [1510, false],
    [2413, false],
    [2400, false],
    [9122, false],
    [9912, true],
    ['2403', false],
    [2403.5, false],
  ])('%s: %s', (value, expected) => {
    expect(isCurrentBranchVersion(value)).toBe(expected);
  });
});

describe("a user's facts", () => {
  test('extend the table, and replace a version it knows', () => {
    const table = new VersionTable([
      { version: '2709', buildNumber: 9170, available: '2027-09-20' },
      { version: '2603', buildNumber: 9146, available: '2026-05-05', supportEnds: '2027-12-31' },
    ]);
    expect(table.latest.version).toBe('2709');
    expect(table.forBuildNumber(9170)?.version).toBe('2709');
    // 18 months after availability when no end date is given.
    expect(table.supportEnds('2709')).toBe('2029-03-20');
    expect(table.supportEnds('2603')).toBe('2027-12-31');
  });

  test('reach the schema check and SITE009 through the lint options', () => {
    const text =
      'schemaVersion: 1\nhierarchy:\n  sites:\n    - SiteCode: P01\n      SiteType: Primary\n      Version: 9170\n';
    const versionFacts = [{ version: '2709', buildNumber: 9170, available: '2027-09-20' }];
    const message = (options: object) =>
      lintText(text, 'site.yaml', { asOf: '2028-01-01', ...options }).findings.find((f) => f.ruleId === 'CML003')
        ?.message;
    expect(message({})).toMatch(/looks like a site build number/);
    expect(message({ versionFacts })).toBe(
      '9170 is the build number of version 2709 (5.00.9170), not a version; write Version: 2709.',
    );
  });
});

describe('a build number as Version', () => {
  test('one finding, at the value, and no version-gated rule takes it for a version', () => {
    const text = [
      'schemaVersion: 1',
      'hierarchy:',
      '  sites:',
      '    - SiteCode: P01',
      '      SiteType: Primary',
      '      Version: 9122',
      'cloudManagementGateways:',
      '  - ServiceName: cmg.contoso.com',
      '    SiteCode: P01',
      '    DeploymentModel: Classic',
      '',
    ].join('\n');
    const findings = lintText(text, 'site.yaml', { asOf: '2026-12-07' }).findings;
    const version = findings.filter((f) => f.ruleId === 'CML003');
    expect(version.map((f) => `${f.region.startLine}:${f.region.startColumn} ${f.message}`)).toEqual([
      '6:16 9122 is the build number of version 2309 (5.00.9122), not a version; write Version: 2309.',
    ]);
    // Taken as a version, 9122 would be "newer than 2403", where a Classic CMG is an error (CMG006).
    expect(findings.filter((f) => f.ruleId === 'CMG006' || f.ruleId === 'SITE009')).toEqual([]);
  });
});
