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

/** Accepts only `null`: the value of a reply that carries no data, only success or failure. */
export const nullValue: Validator<null> = (input, path = 'value') =>
  input === null ? valid(null) : invalid(`${path}: expected null, got ${describe(input)}`)

export interface StringOptions {
  readonly minLength?: number
  readonly maxLength?: number
  /**
   * The whole string must match; anchor it (`^…$`) and leave out the `m` flag, so `$` cannot match
   * before a line break. The message never repeats the value: it may be personal data.
   */
  readonly pattern?: RegExp
}

export function string(options: StringOptions = {}): Validator<string> {
  const { minLength = 0, maxLength = Number.POSITIVE_INFINITY, pattern } = options
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
    if (pattern !== undefined && !pattern.test(input)) {
      return invalid(`${path}: does not have the expected format`)
    }
    return valid(input)
  }
}

/** A validator for an object property that may be left out; see {@link optional}. */
export type OptionalValidator<T> = Validator<T | undefined> & { readonly optional: true }

/**
 * Marks an object property as optional: absent (or `undefined`) is accepted and left out of the
 * result; any other value must pass `validate`. `null` is not absent: it is checked like a value.
 */
export function optional<T>(validate: Validator<T>): OptionalValidator<T> {
  const check: Validator<T | undefined> = (input, path) =>
    input === undefined ? valid(undefined) : validate(input, path)
  return Object.assign(check, { optional: true as const })
}

function isOptional(validate: Validator<unknown>): boolean {
  return (validate as Partial<OptionalValidator<unknown>>).optional === true
}

type Shape = Readonly<Record<string, Validator<unknown>>>
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalValidator<unknown> ? K : never
}[keyof S]
// Flattens the intersection below, so editors and error messages show one object type.
type Flatten<T> = { [K in keyof T]: T[K] } & {}
type ObjectOf<S extends Shape> = Flatten<
  { readonly [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
    readonly [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined>
  }
>

/**
 * A plain object with exactly the given keys; those marked {@link optional} may be missing. Unknown
 * keys are rejected rather than stripped: an IPC peer that sends more than the contract says is
 * either buggy or hostile.
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
      if (result.value !== undefined || !isOptional(validate)) {
        output[key] = result.value
      }
    }
    // The loop above checked every key of `shape` with its validator.
    return valid(output as ObjectOf<S>)
  }
}

/** Accepts only `true` or `false`: no truthy strings or numbers from the other side. */
export const boolean: Validator<boolean> = (input, path = 'value') =>
  typeof input === 'boolean' ? valid(input) : invalid(`${path}: expected boolean, got ${describe(input)}`)

/**
 * One of a closed set of strings (an enum): the type is the union of `values`, so a switch over the
 * result can be exhaustive. The message names the allowed values, never the value received.
 */
export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  const allowed: ReadonlySet<string> = new Set(values)
  return (input, path = 'value') =>
    typeof input === 'string' && allowed.has(input)
      ? valid(input as T)
      : invalid(`${path}: expected one of ${values.join(', ')}`)
}

/** An array of at most `maxItems` items, each checked by `item`. */
export function arrayOf<T>(item: Validator<T>, maxItems: number): Validator<readonly T[]> {
  return (input, path = 'value') => {
    if (!Array.isArray(input)) {
      return invalid(`${path}: expected array, got ${describe(input)}`)
    }
    if (input.length > maxItems) {
      return invalid(`${path}: expected at most ${maxItems} items`)
    }
    const output: T[] = []
    for (const [index, element] of (input as unknown[]).entries()) {
      const result = item(element, `${path}[${index}]`)
      if (!result.ok) {
        return result
      }
      output.push(result.value)
    }
    return valid(output)
  }
}

type VariantValue<V> = V extends Validator<infer T> ? T : never

/**
 * A tagged union: `input[tag]` picks the validator that checks the whole object (its shape should
 * repeat the tag with {@link oneOf}). An unknown tag is refused before any other property is read.
 */
export function variants<const V extends Readonly<Record<string, Validator<object>>>>(
  tag: string,
  shapes: V,
): Validator<VariantValue<V[keyof V]>> {
  return (input, path = 'value') => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return invalid(`${path}: expected object, got ${describe(input)}`)
    }
    const kind = (input as Readonly<Record<string, unknown>>)[tag]
    if (typeof kind !== 'string' || !Object.hasOwn(shapes, kind)) {
      return invalid(`${path}.${tag}: expected one of ${Object.keys(shapes).join(', ')}`)
    }
    // `kind` is an own key of `shapes`, and each shape validates the whole variant.
    return (shapes[kind] as Validator<VariantValue<V[keyof V]>>)(input, path)
  }
}
