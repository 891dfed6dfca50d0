/**
 * Makes ajv's generated validators collect errors in linear time.
 *
 * With allErrors, code that calls another schema's validator (a `$ref` ajv does not inline) adds that call's errors
 * with `vErrors = vErrors === null ? sub.errors : vErrors.concat(sub.errors)`: a copy of every error so far, for each
 * failing item. A list of 40,000 bad items then costs 40,000²/2 copies (tens of seconds). This rewrites each of those
 * to append in place, which is what ajv's own code does with the errors a validator finds itself (`vErrors.push`), so
 * the errors, their order and every count ajv keeps are unchanged.
 *
 * Used on the code ajv compiles at run time (createAjv's `code.process`) and on the standalone code the build writes
 * (scripts/validators.mjs), which ajv does not pass through `code.process`.
 */

/** The validator whose errors are added is a name (`validate12`) or, for a recursive reference, a property (`wrapper0.validate`). */
const CONCAT = /vErrors\.concat\(([\w$.]+)\.errors\)/g;

export function linearErrors(code: string): string {
  // forEach, not push(...x): spreading a list of 100,000 errors into arguments overflows the stack.
  return code.replace(
    CONCAT,
    (_, validator: string) => `(${validator}.errors.forEach((e) => vErrors.push(e)), vErrors)`,
  );
}
