import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { codePoints } from '../../../../shared/text/code-points'

describe('codePoints', () => {
  it('counts plain text as its characters', () => {
    expect(codePoints('')).toBe(0)
    expect(codePoints('abc')).toBe(3)
    expect(codePoints('Café')).toBe(4)
  })

  it('counts an emoji as one character, not as the two UTF-16 units of its surrogate pair', () => {
    expect('😀'.length).toBe(2)
    expect(codePoints('😀')).toBe(1)
    expect(codePoints('🏠'.repeat(200))).toBe(200)
  })

  it('counts every code point of a composed emoji or an accent written apart', () => {
    expect(codePoints('👍🏽')).toBe(2) // thumbs up and a skin tone modifier
    expect(codePoints('👨‍👩‍👧')).toBe(5) // three people joined by two zero-width joiners
    expect(codePoints('e\u0301')).toBe(2) // e and a combining acute accent
  })

  it('counts a lone surrogate as one character', () => {
    expect(codePoints('\ud83d')).toBe(1)
    expect(codePoints('\ude00x')).toBe(2)
    expect(codePoints('x\ud83d')).toBe(2)
  })

  it("agrees with the gateway's ajv on what fits a maxLength", () => {
    const ajv = new Ajv()
    const fits = ajv.compile({ type: 'string', maxLength: 3 })
    for (const text of [
      'abc',
      'abcd',
      '😀😀😀',
      '😀😀😀😀',
      '👍🏽a',
      '👍🏽ab',
      '\ud83d\ud83dx',
      'e\u0301e\u0301',
    ]) {
      expect(fits(text), JSON.stringify(text)).toBe(codePoints(text) <= 3)
    }
  })
})
