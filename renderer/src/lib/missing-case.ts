/**
 * The default branch of an exhaustive `switch`: `x` is `never` when every case is handled, so a new
 * variant breaks the build instead of falling through at run time (after Signal's
 * `missingCaseError`).
 */
export function missingCaseError(x: never): TypeError {
  return new TypeError(`Unhandled case: ${String(x)}`)
}
