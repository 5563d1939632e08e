import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  encodeNetstring,
  MAX_NETSTRING_BYTES,
  NetstringDecoder,
  NetstringError,
} from '../../../../server/gateway/queue/kamailio/netstring'

/** Splits `bytes` at the given cut points (any order, duplicates allowed). */
function chunks(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const result: Buffer[] = []
  let start = 0
  for (const point of [...points, bytes.length]) {
    result.push(bytes.subarray(start, point))
    start = point
  }
  return result
}

describe('netstring codec', () => {
  it('encodes the byte length, not the character length', () => {
    expect(encodeNetstring('{"a":"é"}').toString('utf8')).toBe('10:{"a":"é"},')
    expect(encodeNetstring('').toString()).toBe('0:,')
  })

  it('decodes whatever it encoded, however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map(encodeNetstring))
          const decoder = new NetstringDecoder()
          const decoded = chunks(stream, cuts).flatMap((chunk) => decoder.push(chunk))
          expect(decoded).toEqual(payloads)
        },
      ),
    )
  })

  it('refuses a stream that is not netstrings', () => {
    for (const bad of ['x:abc,', '3:abcd', ':,', '03:abc,', '-1:,', '1 :a,', `${MAX_NETSTRING_BYTES + 1}:`]) {
      expect(() => new NetstringDecoder().push(Buffer.from(bad)), bad).toThrow(NetstringError)
    }
  })

  it('refuses a length prefix that can only announce an oversized frame, before it ends', () => {
    expect(() => new NetstringDecoder().push(Buffer.from('9999999'))).toThrow(NetstringError)
  })

  it('refuses to encode an oversized payload', () => {
    expect(() => encodeNetstring('x'.repeat(MAX_NETSTRING_BYTES + 1))).toThrow(NetstringError)
  })

  it('never throws anything but NetstringError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          new NetstringDecoder().push(Buffer.from(bytes))
        } catch (error) {
          expect(error).toBeInstanceOf(NetstringError)
        }
      }),
    )
  })
})
