/**
 * Netstrings (`<length>:<bytes>,`, length in decimal bytes), the framing Kamailio's evapi module uses
 * both ways by default (netstring_format=1). One netstring carries one JSON message.
 */

/** Longer frames are a protocol error: evapi's own messages are a few hundred bytes. */
export const MAX_NETSTRING_BYTES = 64 * 1024

export class NetstringError extends Error {}

export function encodeNetstring(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8')
  if (body.length > MAX_NETSTRING_BYTES) {
    throw new NetstringError(`netstring payload of ${body.length} bytes is too long`)
  }
  return Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body, Buffer.from(',', 'ascii')])
}

/** Longest length prefix a frame within MAX_NETSTRING_BYTES can have. */
const MAX_PREFIX_DIGITS = String(MAX_NETSTRING_BYTES).length

/**
 * Cuts a byte stream into netstrings. Feed it every chunk as it arrives; it returns the complete
 * payloads so far and keeps the rest. Throws NetstringError on malformed input: the stream cannot be
 * resynchronised after that, so the caller closes the connection.
 */
export class NetstringDecoder {
  private pending: Buffer = Buffer.alloc(0)

  push(chunk: Buffer): string[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    const payloads: string[] = []
    for (;;) {
      const colon = this.pending.indexOf(0x3a)
      if (colon < 0) {
        this.checkDigits(this.pending, this.pending.length)
        return payloads
      }
      const length = this.checkDigits(this.pending, colon)
      const end = colon + 1 + length
      if (this.pending.length < end + 1) {
        return payloads
      }
      if (this.pending[end] !== 0x2c) {
        throw new NetstringError('netstring does not end with a comma')
      }
      payloads.push(this.pending.subarray(colon + 1, end).toString('utf8'))
      this.pending = this.pending.subarray(end + 1)
    }
  }

  /** Validates the length prefix in `buffer[0, end)` and returns it (when complete). */
  private checkDigits(buffer: Buffer, end: number): number {
    if (end > MAX_PREFIX_DIGITS) {
      throw new NetstringError('netstring length prefix is too long')
    }
    for (let i = 0; i < end; i++) {
      const byte = buffer[i]!
      if (byte < 0x30 || byte > 0x39) {
        throw new NetstringError('netstring length prefix is not a decimal number')
      }
    }
    if (end === 0 && buffer.length > 0) {
      throw new NetstringError('netstring without a length')
    }
    // A leading zero is allowed only for the empty netstring "0:,".
    if (end > 1 && buffer[0] === 0x30) {
      throw new NetstringError('netstring length has a leading zero')
    }
    const length = end === 0 ? 0 : Number(buffer.subarray(0, end).toString('ascii'))
    if (length > MAX_NETSTRING_BYTES) {
      throw new NetstringError(`netstring of ${length} bytes is too long`)
    }
    return length
  }
}
