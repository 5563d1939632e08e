import { describe, expect, it } from 'vitest'
import {
  MONITOR_HEADER,
  monitorHeaderOf,
  monitorHeaders,
  parseMonitorSessionId,
} from '../../../shared/sip/monitor-header'

const ID = '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f'

/** A received INVITE's getHeader with only `X-KCC-Monitor` set (or no header at all). */
const headerOf =
  (value: string | undefined) =>
  (name: string): string | undefined =>
    name === MONITOR_HEADER ? value : undefined

describe('parseMonitorSessionId', () => {
  it('accepts a lower-case uuid as it is', () => {
    expect(parseMonitorSessionId(ID)).toBe(ID)
  })

  it.each([
    ['upper case', ID.toUpperCase()],
    ['mixed case', `0F8e2c5a${ID.slice(8)}`],
    ['a leading space', ` ${ID}`],
    ['a trailing space', `${ID} `],
    ['a trailing newline', `${ID}\n`],
    ['a CR/LF with another header after it', `${ID}\r\nX-Evil: 1`],
    ['a LF with another header after it', `${ID}\nX-Evil: 1`],
    ['the empty string', ''],
    ['a uuid without dashes', ID.replaceAll('-', '')],
    ['a uuid in braces', `{${ID}}`],
    ['a uuid one digit short', ID.slice(0, -1)],
    ['a uuid one digit long', `${ID}0`],
    ['a non-hex digit', `${ID.slice(0, -1)}g`],
  ])('rejects %s', (_name, value) => {
    expect(parseMonitorSessionId(value)).toBeUndefined()
  })

  it('rejects an upper-case hex letter in any of its five groups', () => {
    const letters = [...ID].flatMap((c, i) => (/[a-f]/.test(c) ? [i] : []))
    const groups = new Set(letters.map((i) => ID.slice(0, i).split('-').length))
    expect(groups).toEqual(new Set([1, 2, 3, 4, 5]))
    for (const i of letters) {
      const value = `${ID.slice(0, i)}${ID.charAt(i).toUpperCase()}${ID.slice(i + 1)}`
      expect(parseMonitorSessionId(value), value).toBeUndefined()
    }
  })

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { id: ID }],
    ['an array', [ID]],
  ])('rejects %s (not a string)', (_name, value) => {
    expect(parseMonitorSessionId(value)).toBeUndefined()
  })
})

describe('monitorHeaders', () => {
  it('builds the one X-KCC-Monitor header line for a uuid', () => {
    expect(monitorHeaders(ID)).toEqual([`X-KCC-Monitor: ${ID}`])
  })

  it.each([
    ['an upper-case uuid', ID.toUpperCase()],
    ['a CR/LF header injection', `${ID}\r\nX-Evil: 1`],
    ['the empty string', ''],
    ['a padded uuid', ` ${ID} `],
    ['anything else', 'monitor-1'],
  ])('throws a RangeError for %s, building nothing', (_name, value) => {
    expect(() => monitorHeaders(value)).toThrow(RangeError)
  })
})

describe('monitorHeaderOf', () => {
  it('says none for an INVITE without the header', () => {
    expect(monitorHeaderOf(headerOf(undefined))).toEqual({ kind: 'none' })
  })

  it('asks for the header by its name', () => {
    const asked: string[] = []
    monitorHeaderOf((name) => {
      asked.push(name)
      return ID
    })
    expect(asked).toEqual(['X-KCC-Monitor'])
  })

  it('gives the id of a well-formed header', () => {
    expect(monitorHeaderOf(headerOf(ID))).toEqual({ kind: 'valid', id: ID })
  })

  it.each([
    ['spaces', `  ${ID}  `],
    ['a tab', `\t${ID}`],
  ])('trims surrounding whitespace (%s) of a received value', (_name, value) => {
    expect(monitorHeaderOf(headerOf(value))).toEqual({ kind: 'valid', id: ID })
  })

  it.each([
    ['empty', ''],
    ['only whitespace', '   '],
    ['upper case', ID.toUpperCase()],
    ['not a uuid', 'monitor-1'],
    ['two ids', `${ID}, ${ID}`],
    ['a uuid with a parameter', `${ID};x=1`],
    ['a uuid with another header after a CR/LF', `${ID}\r\nX-Evil: 1`],
  ])('says invalid for a header that is present but %s', (_name, value) => {
    expect(monitorHeaderOf(headerOf(value))).toEqual({ kind: 'invalid' })
  })
})
