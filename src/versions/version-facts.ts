/**
 * Configuration Manager current-branch versions: one table of facts that the rules, the schema checks and the
 * importer all read, so a version is described once. Users add versions released after this cmlint in the config
 * file (`versions:`), which extend or correct this table for their run.
 *
 * Sources (checked 2026-12-07):
 * - "Updates and servicing for Configuration Manager" > Version details (Supported versions, Historical versions):
 *   each version's `5.00.<build>`, availability date (the early update ring) and support end date.
 *   https://learn.microsoft.com/mem/configmgr/core/servers/manage/updates#version-details
 * - "Support for Configuration Manager current branch versions": 18 months of support from availability.
 * - 2509 and 2603: the same table as revised in 2026 (2509 5.00.9141, 2025-11-12 to 2027-05-12; 2603 5.00.9146,
 *   2026-05-05 to 2027-11-05); build 9141 also appears in the 2509 hotfix file lists (KB36495448, 5.00.9141.1015).
 * No later version is listed: 2609 was announced (the annual cadence from September 2026) but no page gives its build
 * or dates, so it is left to the config file.
 */
export interface VersionFacts {
  /** The current-branch version, YYMM. */
  readonly version: string;
  /** The site build number, the third part of `5.00.<build>`. */
  readonly buildNumber: number;
  /** When the version was released to the early update ring (YYYY-MM-DD). */
  readonly available?: string;
  /** Last day of support (YYYY-MM-DD), when Microsoft's pages give it. */
  readonly supportEnds?: string;
}

export const VERSION_FACTS: readonly VersionFacts[] = [
  { version: '1511', buildNumber: 8325, available: '2015-12-08', supportEnds: '2016-12-08' },
  { version: '1602', buildNumber: 8355, available: '2016-03-11', supportEnds: '2017-03-11' },
  { version: '1606', buildNumber: 8412, available: '2016-07-22', supportEnds: '2017-07-22' },
  { version: '1610', buildNumber: 8458, available: '2016-11-18', supportEnds: '2017-11-18' },
  { version: '1702', buildNumber: 8498, available: '2017-03-27', supportEnds: '2018-03-27' },
  { version: '1706', buildNumber: 8540, available: '2017-07-31', supportEnds: '2018-07-31' },
  { version: '1710', buildNumber: 8577, available: '2017-11-20', supportEnds: '2019-05-20' },
  { version: '1802', buildNumber: 8634, available: '2018-03-22', supportEnds: '2019-09-22' },
  { version: '1806', buildNumber: 8692, available: '2018-07-31', supportEnds: '2020-01-31' },
  // Support was extended past 18 months for 1810 (the table gives December 1, 2020).
  { version: '1810', buildNumber: 8740, available: '2018-11-27', supportEnds: '2020-12-01' },
  { version: '1902', buildNumber: 8790, available: '2019-03-27', supportEnds: '2020-09-27' },
  { version: '1906', buildNumber: 8853, available: '2019-07-26', supportEnds: '2021-01-26' },
  { version: '1910', buildNumber: 8913, available: '2019-11-29', supportEnds: '2021-05-29' },
  { version: '2002', buildNumber: 8968, available: '2020-04-01', supportEnds: '2021-10-01' },
  { version: '2006', buildNumber: 9012, available: '2020-08-11', supportEnds: '2022-02-11' },
  { version: '2010', buildNumber: 9040, available: '2020-11-30', supportEnds: '2022-05-30' },
  // The current table gives April 19, 2021 to October 19, 2022 (earlier revisions: April 5 to October 5).
  { version: '2103', buildNumber: 9049, available: '2021-04-19', supportEnds: '2022-10-19' },
  { version: '2107', buildNumber: 9058, available: '2021-08-02', supportEnds: '2023-02-02' },
  { version: '2111', buildNumber: 9068, available: '2021-12-01', supportEnds: '2023-06-01' },
  { version: '2203', buildNumber: 9078, available: '2022-04-06', supportEnds: '2023-10-06' },
  { version: '2207', buildNumber: 9088, available: '2022-08-12', supportEnds: '2024-02-12' },
  { version: '2211', buildNumber: 9096, available: '2022-12-05', supportEnds: '2024-06-05' },
  { version: '2303', buildNumber: 9106, available: '2023-04-10', supportEnds: '2024-10-10' },
  { version: '2309', buildNumber: 9122, available: '2023-10-09', supportEnds: '2025-04-09' },
  { version: '2403', buildNumber: 9128, available: '2024-04-22', supportEnds: '2025-10-22' },
  { version: '2409', buildNumber: 9132, available: '2024-12-04', supportEnds: '2026-06-04' },
  { version: '2503', buildNumber: 9135, available: '2025-03-31', supportEnds: '2026-09-30' },
  { version: '2509', buildNumber: 9141, available: '2025-11-12', supportEnds: '2027-05-12' },
  { version: '2603', buildNumber: 9146, available: '2026-05-05', supportEnds: '2027-11-05' },
];

/** Whether a number is a current-branch version: YYMM from 1511 on, with a month from 01 to 12. */
export function isCurrentBranchVersion(value: unknown): boolean {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1511 || n > 9912) return false;
  const month = n % 100;
  return month >= 1 && month <= 12;
}

/** The build number a value names (9122, '9122', '5.00.9122' or '5.00.9122.1000'), or undefined. */
export function buildNumberIn(value: unknown): number | undefined {
  const text =
    typeof value === 'bigint' || typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : '';
  const match = /^(?:5\.0{1,2}\.)?(\d{4})(?:\.\d+)?$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The last day of support: the table's, else 18 months after availability (the support policy); undefined if neither. */
function supportEndOf(facts: VersionFacts): string | undefined {
  if (facts.supportEnds) return facts.supportEnds;
  if (!facts.available) return undefined;
  const [year, month, day] = facts.available.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(year, month - 1 + 18, day));
  return end.toISOString().slice(0, 10);
}

/** The built-in facts, extended and corrected by the user's (a user's entry for a known version replaces it). */
export class VersionTable {
  private readonly byVersion = new Map<string, VersionFacts>();
  private readonly byBuild = new Map<number, VersionFacts>();
  readonly latest: VersionFacts;

  constructor(extra: readonly VersionFacts[] = []) {
    for (const facts of [...VERSION_FACTS, ...extra]) this.byVersion.set(facts.version, facts);
    const all = [...this.byVersion.values()].sort((a, b) => Number(a.version) - Number(b.version));
    for (const facts of all) this.byBuild.set(facts.buildNumber, facts);
    this.latest = all[all.length - 1]!;
  }

  facts(version: unknown): VersionFacts | undefined {
    return this.byVersion.get(String(version));
  }

  /** The version a site build number stands for, in any of the forms buildNumberIn accepts. */
  forBuildNumber(build: unknown): VersionFacts | undefined {
    const number = buildNumberIn(build);
    return number === undefined ? undefined : this.byBuild.get(number);
  }

  /** The last day of support of a version (YYYY-MM-DD), or undefined when the table cannot say. */
  supportEnds(version: unknown): string | undefined {
    const facts = this.facts(version);
    return facts && supportEndOf(facts);
  }
}

export const BUILT_IN_VERSIONS = new VersionTable();

/**
 * The version a site build number stands for: accepts 9122, '9122' or the full '5.00.9122.1000'.
 * Undefined when the build is not in the table.
 */
export function versionForBuildNumber(
  build: number | string,
  table: VersionTable = BUILT_IN_VERSIONS,
): VersionFacts | undefined {
  return table.forBuildNumber(build);
}

/** The facts of a current-branch version (YYMM), or undefined when this table does not know it. */
export function versionFacts(version: string, table: VersionTable = BUILT_IN_VERSIONS): VersionFacts | undefined {
  return table.facts(version);
}
