/**
 * The runtime (src/runtime.ts) is what a bundle's entry point fills in; from source its defaults hold. Both paths are
 * taken here from source, without a build.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadBuiltinRules, loadRuleFolder } from '../../src/rules/load-rules.js';
import { RULES_DIR } from '../../src/paths.js';
import { configureRuntime, runtime } from '../../src/runtime.js';

const saved = { ...runtime };
afterEach(() => {
  for (const key of Object.keys(runtime) as (keyof typeof runtime)[]) delete runtime[key];
  Object.assign(runtime, saved);
});

describe('the runtime a bundle fills in', () => {
  test('from source, the built-in rules are the YAML files and no worker script is known', () => {
    expect(runtime.builtinRulesFile).toBeUndefined();
    expect(runtime.workerScript).toBeUndefined();
    expect(loadBuiltinRules().map((r) => r.id)).toEqual(loadRuleFolder(RULES_DIR, true).map((r) => r.id));
  });

  test('a stored rules file, as the build writes dist/rules.json, is read instead of the YAML files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmlint-runtime-'));
    const stored = loadRuleFolder(RULES_DIR, true).slice(0, 2);
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(stored));
    configureRuntime({ builtinRulesFile: join(dir, 'rules.json') });
    expect(loadBuiltinRules().map((r) => r.id)).toEqual(stored.map((r) => r.id));
  });

  test('a stored rules file that is missing falls back to the YAML files', () => {
    configureRuntime({ builtinRulesFile: join(tmpdir(), 'no-such-cmlint-folder', 'rules.json') });
    expect(loadBuiltinRules().length).toBe(loadRuleFolder(RULES_DIR, true).length);
  });
});
