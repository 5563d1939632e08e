import type { InvalidParam } from '../http/problem'

/**
 * One rule for the characters a text may hold, the same on SQLite and PostgreSQL and the same in
 * the provider and the gateway (docs/provider.md, docs/gateway.md): TAB, LF and CR are text; the
 * other C0 controls (U+0000–U+001F), DEL (U+007F), the C1 controls (U+0080–U+009F) and unpaired
 * UTF-16 surrogates are not. PostgreSQL cannot store U+0000 in `text` at all and no unpaired
 * surrogate is valid UTF-8 (RFC 3629 §3), so without this a value one engine takes the other refuses
 * with a server error; refusing them at the edge as a field error makes the refusal the client's to
 * correct, on both engines.
 */
export const INVALID_CHARACTERS = 'invalid_characters'

/** The first character the rule refuses, as `U+XXXX`, or null when the text is allowed. */
export function refusedCharacter(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) {
        continue
      }
      return codePoint(c)
    }
    if (c >= 0x7f && c <= 0x9f) {
      return codePoint(c)
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
      return codePoint(c)
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      return codePoint(c)
    }
  }
  return null
}

/** The field error for a refused character; names only the code point, never the value. */
export function invalidCharacters(name: string, character: string): InvalidParam {
  return {
    name,
    code: INVALID_CHARACTERS,
    reason: `Dit veld bevat een teken dat niet is toegestaan (${character}); alleen tekst, tab en regelovergang zijn toegestaan.`,
  }
}

/** Deeper than any request of the API nests (a gegevensgroep in a list in a body is three). */
export const MAX_DEPTH = 32

/**
 * Field errors for every string (and object key) in a parsed JSON body that holds a refused
 * character, named by the dotted path as the schema errors are (`contactnaam.voornaam`). Walks with
 * an explicit stack and stops at {@link MAX_DEPTH}: a body nests no deeper than its schema, and
 * deeper parts are not looked into here (the caller's depth check or the schema refuses them).
 */
export function invalidCharacterParams(body: unknown): InvalidParam[] {
  const params: InvalidParam[] = []
  const seen = new Set<string>()
  const report = (path: readonly string[], character: string): void => {
    const name = path.length > 0 ? path.join('.') : 'nonFieldErrors'
    if (!seen.has(name)) {
      seen.add(name)
      params.push(invalidCharacters(name, character))
    }
  }
  const stack: Array<{ value: unknown; path: readonly string[] }> = [{ value: body, path: [] }]
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (typeof value === 'string') {
      const refused = refusedCharacter(value)
      if (refused !== null) {
        report(path, refused)
      }
      continue
    }
    if (typeof value !== 'object' || value === null || path.length >= MAX_DEPTH) {
      continue
    }
    const entries = Array.isArray(value)
      ? value.map((item, index): [string, unknown] => [String(index), item])
      : Object.entries(value as Record<string, unknown>)
    for (const [key, item] of entries.reverse()) {
      const refusedKey = refusedCharacter(key)
      if (refusedKey !== null) {
        report(path, refusedKey)
        continue
      }
      stack.push({ value: item, path: [...path, key] })
    }
  }
  return params
}

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
}
