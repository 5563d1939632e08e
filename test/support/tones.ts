import { readFileSync, writeFileSync } from 'node:fs'

/**
 * Tones for proving which way audio flows across the phone network: the citizen's phone (baresip)
 * plays one frequency, the agent another, and each side's recording is checked for the other's.
 */
export const TRUNK_TONE = { citizen: 440, agent: 1000 } as const

/** A 16-bit mono PCM WAV file of a sine tone (baresip's aufile source reads it). */
export function writeToneWav(path: string, hz: number, seconds: number, rate = 8000): void {
  const samples = Math.round(seconds * rate)
  const data = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(0.5 * 32767 * Math.sin((2 * Math.PI * hz * i) / rate)), i * 2)
  }
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVEfmt ', 8)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(rate, 24)
  header.writeUInt32LE(rate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(data.length, 40)
  writeFileSync(path, Buffer.concat([header, data]))
}

/** The samples of a 16-bit PCM WAV file (first channel) and its rate. */
export function readWav(path: string): { samples: Float64Array; rate: number } {
  const file = readFileSync(path)
  let offset = 12
  let rate = 8000
  let channels = 1
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4)
    const size = file.readUInt32LE(offset + 4)
    if (id === 'fmt ') {
      channels = file.readUInt16LE(offset + 10)
      rate = file.readUInt32LE(offset + 12)
    }
    if (id === 'data') {
      // A recording still being written may say 0 or more than there is: take what is there.
      const end = Math.min(file.length, size > 0 ? offset + 8 + size : file.length)
      const frames = Math.floor((end - offset - 8) / (2 * channels))
      const samples = new Float64Array(frames)
      for (let i = 0; i < frames; i++) {
        samples[i] = file.readInt16LE(offset + 8 + i * 2 * channels) / 32768
      }
      return { samples, rate }
    }
    offset += 8 + size + (size % 2)
  }
  throw new Error(`${path}: no data chunk`)
}

/** G.711 A-law to linear (ITU-T G.711), as a sample in -1..1. */
export function alawToLinear(byte: number): number {
  const a = byte ^ 0x55
  const exponent = (a & 0x70) >> 4
  let mantissa = (a & 0x0f) << 4
  mantissa += 8
  if (exponent !== 0) {
    mantissa += 0x100
  }
  if (exponent > 1) {
    mantissa <<= exponent - 1
  }
  return ((a & 0x80) !== 0 ? mantissa : -mantissa) / 32768
}

/** Linear sample (-1..1) to G.711 A-law. */
export function linearToAlaw(sample: number): number {
  let pcm = Math.max(-32768, Math.min(32767, Math.round(sample * 32768)))
  const sign = pcm >= 0 ? 0x80 : 0
  if (pcm < 0) {
    pcm = -pcm - 1
  }
  let exponent = 7
  for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 0; mask >>= 1) {
    exponent--
  }
  const mantissa = exponent === 0 ? (pcm >> 4) & 0x0f : (pcm >> (exponent + 3)) & 0x0f
  return (sign | (exponent << 4) | mantissa) ^ 0x55
}

/** Goertzel power of `hz` in `samples`, normalised by their length. */
function power(samples: ArrayLike<number>, hz: number, rate: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / rate)
  let s1 = 0
  let s2 = 0
  for (let i = 0; i < samples.length; i++) {
    const s0 = samples[i]! + coefficient * s1 - s2
    s2 = s1
    s1 = s0
  }
  return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / (samples.length * samples.length)
}

/**
 * How many times stronger `hz` is than the strongest of a few frequencies nowhere near it: a tone
 * that is there gives hundreds and more, silence or another tone about 1 or less.
 */
export function toneRatio(samples: ArrayLike<number>, hz: number, rate: number): number {
  const others = [hz * 0.61, hz * 0.77, hz * 1.31, hz * 1.57].map((f) => power(samples, f, rate))
  return power(samples, hz, rate) / Math.max(1e-12, ...others)
}
