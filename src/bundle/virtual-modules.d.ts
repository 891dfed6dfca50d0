/** Provided by the build (scripts/validators.mjs) inside a bundle only: see src/bundle/packaged.ts. */
declare module 'cmlint:precompiled-validators' {
  import type { PrecompiledValidators } from '../validate/precompiled.js';
  export const validators: PrecompiledValidators;
}
