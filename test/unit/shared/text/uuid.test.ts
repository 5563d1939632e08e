import { describe, expect, it } from 'vitest'
import { isLowerCaseUuid, isUuid } from '../../../../shared/text/uuid'

const LOWER = '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f'
const UPPER = LOWER.toUpperCase()
const MIXED = '0F8e2C5a-3B1d-4C6e-9A7f-2D4b6C8e0A1f'

const NOT_UUIDS: unknown[] = [
  '',
  `{${LOWER}}`,
  `urn:uuid:${LOWER}`,
  LOWER.replaceAll('-', ''),
  ` ${LOWER}`,
  `${LOWER} `,
  `${LOWER}\n`,
  `${LOWER}\r\nVia: x`,
  `${LOWER}0`,
  LOWER.slice(1),
  LOWER.replace('0f8e2c5a', '0f8e2c5g'),
  '0f8e2c5a3-b1d-4c6e-9a7f-2d4b6c8e0a1f',
  '00000000-0000-0000-0000-00000000000０',
  null,
  undefined,
  42,
  [LOWER],
]

describe('isUuid', () => {
  it('accepts a uuid in lower, upper or mixed case, as the app, the gateway and the provider did', () => {
    expect(isUuid(LOWER)).toBe(true)
    expect(isUuid(UPPER)).toBe(true)
    expect(isUuid(MIXED)).toBe(true)
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true)
  })

  it('accepts nothing but the 8-4-4-4-12 hex digits: no braces, urn, white space or line break', () => {
    for (const value of NOT_UUIDS) {
      expect(isUuid(value), JSON.stringify(value)).toBe(false)
    }
  })
})

describe('isLowerCaseUuid', () => {
  it('accepts a lower-case uuid, as the gateway makes its ids (the monitor header)', () => {
    expect(isLowerCaseUuid(LOWER)).toBe(true)
  })

  it('refuses an upper-case hex letter, and everything isUuid refuses', () => {
    expect(isLowerCaseUuid(UPPER)).toBe(false)
    expect(isLowerCaseUuid(MIXED)).toBe(false)
    expect(isLowerCaseUuid(LOWER.replace('f', 'F'))).toBe(false)
    for (const value of NOT_UUIDS) {
      expect(isLowerCaseUuid(value), JSON.stringify(value)).toBe(false)
    }
  })
})
