/** `cmlint init`: writes a commented starter config in the working directory, refusing to replace an existing one. */
import { writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCHEMAS_DIR } from '../paths.js';
import { configFilesIn } from '../config/find-config.js';
import { describeFsError } from '../source/read-source.js';
import { EXIT_OK, UsageError } from './exit-codes.js';

/**
 * Where an editor finds a schema of the installed package, from a file in `dir`: a relative path (into
 * node_modules/cmlint/schemas/ for a project that installed cmlint), so it resolves offline and stays right when the
 * project moves; a file: URL where no relative path exists (another drive).
 */
export function schemaReference(dir: string, file: string): string {
  const path = join(SCHEMAS_DIR, file);
  const rel = relative(dir, path);
  if (!rel || isAbsolute(rel)) return pathToFileURL(path).href;
  const posix = rel.split(sep).join('/');
  return posix.startsWith('../') ? posix : `./${posix}`;
}

/** The starter config, with the schema comment for editors pointing at this installation's schema. */
export function starterConfig(dir: string): string {
  return `# yaml-language-server: $schema=${schemaReference(dir, 'config.schema.json')}\n${STARTER_CONFIG}`;
}

export const STARTER_CONFIG = `# cmlint configuration. cmlint uses the nearest cmlint.config.yaml (.yml, .json) from the working directory upward,
# or the file named with --config. Paths and globs here are relative to this file's folder.
# Reference: https://github.com/cmlint/cmlint/blob/main/docs/configuration.md

# Turn rules off, or give them another severity (error, warning, note; "on" keeps the rule's own).
# \`cmlint rules\` lists every rule id.
rules: {}
#   CMG009: off
#   NET010: error

# Files not to lint (globs; a name without / matches at any depth, a folder covers its contents).
ignore: []
#   - archive/
#   - "**/*.draft.yaml"

# The date date-based rules (certificate expiry, support lifecycle) compare with; default today.
# Pin it to make a run reproducible.
# asOf: "2026-06-01"

# Refuse exports larger than this many bytes (default 67108864).
# maxFileSize: 67108864

# Exit 1 when there are more warnings than this (default: warnings never fail the run).
# maxWarnings: 0

# Folders of custom rules: the same declarative YAML files as the built-in rules (see docs/rule-authoring.md).
customRuleFolders: []
#   - cmlint-rules

# Suppressions for exports that cannot carry comments (JSON). In YAML exports prefer a comment above the line:
#   # cmlint-disable-next-line CMG001 -- the reason
suppressions: []
#   - files: exports/site-p01.json
#     pointer: /cloudManagementGateways/0/SiteCode
#     rule: CMG001
#     justification: The CMG moves to the CAS with the June change; tracked in CHG-1234.
`;

export function runInit(cwd = process.cwd()): number {
  const existing = configFilesIn(cwd);
  if (existing.length) {
    throw new UsageError(
      `${relative(cwd, existing[0]!) || existing[0]}: a config file already exists; not overwriting it`,
    );
  }
  const path = join(cwd, 'cmlint.config.yaml');
  try {
    // wx: never replace a file that appeared in the meantime.
    writeFileSync(path, starterConfig(cwd), { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    throw new UsageError(
      `cmlint.config.yaml: cannot write: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : describeFsError(error)}`,
    );
  }
  process.stdout.write('Wrote cmlint.config.yaml. Edit it, then run `cmlint lint`.\n');
  return EXIT_OK;
}
