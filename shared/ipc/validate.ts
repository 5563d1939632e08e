/**
 * Tiny runtime validators for data that crosses a trust boundary (IPC payloads and replies).
 *
 * Why hand-written: the contract must be checked at run time on both sides of IPC (Electron
 * security checklist #17: validate the sender *and* what it sent), zod is not a dependency, and
 * the contract is small. Types are derived from validators with `Infer`, so a shape is written
 * once. Pure TypeScript: no DOM, no Node.
 */

export type Validation<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }

/** Checks an untrusted value; `path` names the value in error messages (e.g. `request.name`). */
export type Validator<T> = (input: unknown, path?: string) => Validation<T>

/** The type a validator accepts, so shapes are never written twice. */
export type Infer<V> = V extends Validator<infer T> ? T : never

const valid = <T>(value: T): Validation<T> => ({ ok: true, value })
const invalid = (message: string): Validation<never> => ({ ok: false, message })

function describe(input: unknown): string {
  if (input === null) {
    return 'null'
  }
  return Array.isArray(input) ? 'array' : typeof input
}

/** Accepts only `undefined`: for channels that take no request payload. */
export const noPayload: Validator<undefined> = (input, path = 'value') =>
  input === undefined ? valid(undefined) : invalid(`${path}: expected no value, got ${describe(input)}`)

export function string(options: { minLength?: number; maxLength?: number } = {}): Validator<string> {
  const { minLength = 0, maxLength = Number.POSITIVE_INFINITY } = options
  return (input, path = 'value') => {
    if (typeof input !== 'string') {
      return invalid(`${path}: expected string, got ${describe(input)}`)
    }
    if (input.length < minLength) {
      return invalid(`${path}: expected at least ${minLength} characters`)
    }
    if (input.length > maxLength) {
      return invalid(`${path}: expected at most ${maxLength} characters`)
    }
    return valid(input)
  }
}

type Shape = Readonly<Record<string, Validator<unknown>>>
type ObjectOf<S extends Shape> = { readonly [K in keyof S]: Infer<S[K]> }

/**
 * A plain object with exactly the given keys. Unknown keys are rejected rather than stripped: an
 * IPC peer that sends more than the contract says is either buggy or hostile.
 */
export function object<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return (input, path = 'value') => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return invalid(`${path}: expected object, got ${describe(input)}`)
    }
    const record = input as Readonly<Record<string, unknown>>
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(shape, key)) {
        return invalid(`${path}.${key}: unexpected property`)
      }
    }
    const output: Record<string, unknown> = {}
    for (const [key, validate] of Object.entries(shape)) {
      const result = validate(record[key], `${path}.${key}`)
      if (!result.ok) {
        return result
      }
      output[key] = result.value
    }
    // The loop above checked every key of `shape` with its validator.
    return valid(output as ObjectOf<S>)
  }
}
