/** The date fixtures are linted on unless they say otherwise, so date-based rules give the same result every day. */
export const FIXTURE_AS_OF = '2026-06-01';
