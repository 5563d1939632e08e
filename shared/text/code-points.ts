/**
 * How long a text is as an OAS `maxLength` counts it. JSON Schema (the gateway's ajv) and Open Klant
 * (Python `len`) count Unicode code points, not the UTF-16 units of `String.length`: an emoji (one
 * code point, a surrogate pair in UTF-16) is 1 here, as it is there. A lone surrogate counts as one.
 */
export function codePoints(text: string): number {
  let n = 0
  for (const _ of text) {
    n++
  }
  return n
}
