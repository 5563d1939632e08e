/**
 * Whether `text` holds a C0 control character or DEL. A CR or LF in a SIP header value ends the
 * header and starts another (header injection); none of the others belongs in a value we read.
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) {
      return true
    }
  }
  return false
}
