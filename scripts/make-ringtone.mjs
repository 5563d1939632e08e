#!/usr/bin/env node
// Writes resources/ringtone.wav, the softphone's ring for an incoming call (renderer/src/softphone/
// ringtone.ts loops it). Our own work, EUPL-1.2 like the rest of the project: two soft bursts of a
// perfect fifth (D5 + A5), then silence; one cadence of 2.5 s, so looping the file is the ring.
// Deterministic: running it again writes the same bytes. Usage: node scripts/make-ringtone.mjs
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const SAMPLE_RATE = 16_000
const TOTAL_S = 2.5
/** [start, length] of each burst in seconds: two rings of 0.4 s, 0.2 s apart. */
const BURSTS = [
  [0, 0.4],
  [0.6, 0.4],
]
/** D5 and A5: a fifth is consonant, and both sit where small laptop speakers still play them. */
const TONES_HZ = [587.33, 880]
/** Peak level per tone; together well below full scale, so the ring is noticeable, not shrill. */
const LEVEL = 0.2
const ATTACK_S = 0.015
const RELEASE_S = 0.04

/** Raised-cosine ramp from 0 to 1 over [0, 1]: no clicks at the edges of a burst. */
const ramp = (x) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, x)))

/** The burst envelope at `t` seconds into a burst of `length` seconds: soft start, bell-like decay. */
function envelope(t, length) {
  const decay = Math.exp(-1.2 * t)
  return ramp(t / ATTACK_S) * ramp((length - t) / RELEASE_S) * decay
}

function sampleAt(seconds) {
  for (const [start, length] of BURSTS) {
    const t = seconds - start
    if (t >= 0 && t < length) {
      const tone = TONES_HZ.reduce((sum, hz) => sum + Math.sin(2 * Math.PI * hz * t), 0)
      return LEVEL * envelope(t, length) * tone
    }
  }
  return 0
}

/** A canonical 44-byte RIFF/WAVE header for mono 16-bit PCM, then the samples, little-endian. */
function wav(samples) {
  const dataBytes = samples.length * 2
  const buffer = Buffer.alloc(44 + dataBytes)
  buffer.write('RIFF', 0, 'ascii')
  buffer.writeUInt32LE(36 + dataBytes, 4)
  buffer.write('WAVE', 8, 'ascii')
  buffer.write('fmt ', 12, 'ascii')
  buffer.writeUInt32LE(16, 16) // fmt chunk size
  buffer.writeUInt16LE(1, 20) // PCM
  buffer.writeUInt16LE(1, 22) // mono
  buffer.writeUInt32LE(SAMPLE_RATE, 24)
  buffer.writeUInt32LE(SAMPLE_RATE * 2, 28) // byte rate
  buffer.writeUInt16LE(2, 32) // block align
  buffer.writeUInt16LE(16, 34) // bits per sample
  buffer.write('data', 36, 'ascii')
  buffer.writeUInt32LE(dataBytes, 40)
  samples.forEach((sample, i) => {
    buffer.writeInt16LE(Math.round(Math.max(-1, Math.min(1, sample)) * 32_767), 44 + i * 2)
  })
  return buffer
}

const samples = Array.from({ length: Math.round(SAMPLE_RATE * TOTAL_S) }, (_, i) => sampleAt(i / SAMPLE_RATE))
const target = join(dirname(import.meta.dirname), 'resources', 'ringtone.wav')
mkdirSync(dirname(target), { recursive: true })
writeFileSync(target, wav(samples))
process.stdout.write(`wrote ${target} (${samples.length} samples, ${SAMPLE_RATE} Hz)\n`)
