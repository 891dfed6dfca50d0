/**
 * Configuration Manager current-branch versions: one table of facts that the rules, the schema checks and the
 * importer all read, so a version is described once.
 *
 * Build numbers: the `5.00.<build>` that `SMS_Site.Version`/`BuildNumber` and `Get-CMSite` report for each version
 * (Microsoft's "Configuration Manager version numbers" support article). Support end dates: the "Version details"
 * table of "Updates and servicing for Configuration Manager" (18 months after release to the early update ring).
 */
export interface VersionFacts {
  /** The current-branch version, YYMM. */
  readonly version: string;
  /** The site build number, the third part of `5.00.<build>`. */
  readonly buildNumber: number;
  /** Last day of support (YYYY-MM-DD), when Microsoft's pages give it. */
  readonly supportEnds?: string;
}

export const VERSION_FACTS: readonly VersionFacts[] = [
  { version: '1511', buildNumber: 8325, supportEnds: '2016-12-08' },
  { version: '1602', buildNumber: 8355, supportEnds: '2017-03-11' },
  { version: '1606', buildNumber: 8412, supportEnds: '2017-07-22' },
  { version: '1610', buildNumber: 8458, supportEnds: '2017-11-18' },
  { version: '1702', buildNumber: 8498, supportEnds: '2018-03-27' },
  { version: '1706', buildNumber: 8540, supportEnds: '2018-07-31' },
  { version: '1710', buildNumber: 8577, supportEnds: '2019-05-20' },
  { version: '1802', buildNumber: 8634, supportEnds: '2019-09-22' },
  { version: '1806', buildNumber: 8692, supportEnds: '2020-01-31' },
  { version: '1810', buildNumber: 8740, supportEnds: '2020-12-01' },
  { version: '1902', buildNumber: 8790, supportEnds: '2020-09-27' },
  { version: '1906', buildNumber: 8853, supportEnds: '2021-01-26' },
  { version: '1910', buildNumber: 8913, supportEnds: '2021-05-29' },
  { version: '2002', buildNumber: 8968, supportEnds: '2021-10-01' },
  { version: '2006', buildNumber: 9012, supportEnds: '2022-02-11' },
  { version: '2010', buildNumber: 9040, supportEnds: '2022-05-30' },
  { version: '2103', buildNumber: 9049, supportEnds: '2022-10-05' },
  { version: '2107', buildNumber: 9058, supportEnds: '2023-02-02' },
  { version: '2111', buildNumber: 9068, supportEnds: '2023-06-01' },
  { version: '2203', buildNumber: 9078, supportEnds: '2023-10-06' },
  { version: '2207', buildNumber: 9088, supportEnds: '2024-02-12' },
  { version: '2211', buildNumber: 9096, supportEnds: '2024-06-05' },
  { version: '2303', buildNumber: 9106, supportEnds: '2024-10-10' },
  { version: '2309', buildNumber: 9122, supportEnds: '2025-04-09' },
  { version: '2403', buildNumber: 9128, supportEnds: '2025-10-22' },
  { version: '2409', buildNumber: 9132, supportEnds: '2026-06-04' },
  { version: '2503', buildNumber: 9135, supportEnds: '2026-09-30' },
  { version: '2509', buildNumber: 9141 },
];

const byBuild = new Map(VERSION_FACTS.map((facts) => [facts.buildNumber, facts]));
const byVersion = new Map(VERSION_FACTS.map((facts) => [facts.version, facts]));

/**
 * The version a site build number stands for: accepts 9122, '9122' or the full '5.00.9122.1000'.
 * Undefined when the build is not in the table.
 */
export function versionForBuildNumber(build: number | string): VersionFacts | undefined {
  const text = String(build).trim();
  const match = /^(?:5\.0{1,2}\.)?(\d{4})(?:\.\d+)?$/.exec(text);
  return match ? byBuild.get(Number(match[1])) : undefined;
}

/** The facts of a current-branch version (YYMM), or undefined when this table does not know it. */
export function versionFacts(version: string): VersionFacts | undefined {
  return byVersion.get(version);
}
