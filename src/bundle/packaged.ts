/**
 * The runtime of a bundle (src/runtime.ts), shared by the bundles' entry points: validators the build compiled to
 * code (the virtual module below exists only inside a bundle: scripts/validators.mjs provides it), and the rules the
 * build stored beside the bundle when it has them.
 */
import { join } from 'node:path';
import { validators } from 'cmlint:precompiled-validators';
import { PACKAGE_ROOT } from '../paths.js';
import { configureRuntime } from '../runtime.js';

export function usePackagedRuntime(workerScript?: string): void {
  configureRuntime({
    validators,
    builtinRulesFile: join(PACKAGE_ROOT, 'dist', 'rules.json'),
    ...(workerScript ? { workerScript } : {}),
  });
}
