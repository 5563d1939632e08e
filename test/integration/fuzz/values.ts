import fc from 'fast-check'

/**
 * Building blocks of hostile input: strings a person, a broken client or an attacker sends (control
 * characters, lone surrogates, very long text, look-alikes of numbers and dates), numbers past every
 * boundary, values of the wrong JSON type, and percent-encoding that never throws on them.
 */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\u007f',
  '\u0085',
  '\t\r\n',
  '\ud800',
  'x\udfffy',
  '\ufeff',
  '\u202e',
  '💬🏳️‍🌈',
  'ı̇',
  "'; drop table klantcontact; --",
  '%00',
  '%',
  '%zz',
  '../..',
  '__proto__',
  'constructor',
  'null',
  'true',
  '-1',
  '0',
  '1e308',
  '99999999999999999999',
  'NaN',
  '2026-02-30T25:61:00Z',
  '0000-00-00',
  '+31612345678',
  '8a3b1d0e-7c1f-4f5e-9a40-2f2b8e1c3d4a',
  '8A3B1D0E-7C1F-4F5E-9A40-2F2B8E1C3D4A',
  '00000000-0000-0000-0000-000000000000',
  'http://',
  'javascript:alert(1)',
]

/** Any text, weighted toward the texts that break things. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'é', '9', '€', '𝄞'),
        fc.constantFrom(9, 10, 11, 50, 51, 200, 201, 1001, 4001, 70_000),
      )
      .map(([unit, n]) => unit.repeat(n)),
  },
)

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    2 ** 31,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    Number.MAX_VALUE,
    5e-324,
    0.5,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** A JSON value of any type, shallow. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
)

/** Nested `levels` deep in objects or arrays. */
export const nested = (levels: number, inner: unknown = 1): unknown => {
  let value = inner
  for (let i = 0; i < levels; i++) {
    value = i % 2 === 0 ? { a: value } : [value]
  }
  return value
}

/**
 * Percent-encodes `text` as its UTF-8 bytes (a lone surrogate becomes U+FFFD's bytes), where
 * `encodeURIComponent` would throw a URIError.
 */
export function percentEncode(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte)
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** A path segment: encoded text, or percent sequences no decoder accepts. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map(percentEncode) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '%',
      '%zz',
      '%C0%AF',
      '%ED%A0%80',
      '%FF',
      '%2F',
      '%2e%2e',
      '..',
      '.',
      '',
      'a;b=c',
    ),
  },
)
