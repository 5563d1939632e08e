import { spawn, spawnSync } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { createServer } from 'node:net'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './sip-servers'
import { TRUNK_TONE, writeToneWav } from './tones'

/**
 * A citizen's phone on the public network, played by Debian's baresip (package baresip-core):
 * plain SIP over UDP and G.711 RTP, answering calls at once, playing a 440 Hz tone and recording
 * what it sends and receives (sndfile: dump-*-enc.wav is sent, dump-*-dec.wav received). It is
 * driven through its console module by UDP datagrams (`/dial sip:…`, `/hangup`, digits as DTMF).
 */
/** The national number the citizen's phone answers to (calls out from agents dial it). */
export const CITIZEN_NUMBER = '0201234567'
/** The same number in E.164, as the register keeps a caller's number (a call-back dials it so). */
export const CITIZEN_E164 = '+31201234567'

export interface Baresip {
  /** The port it listens on for SIP (UDP) on 127.0.0.1. */
  sipPort: number
  /** Where it records (sndfile). */
  recordings: string
  command(line: string): Promise<void>
  /** Resolves when its output (from the start) matches `pattern` `count` times. */
  waitFor(pattern: RegExp, count?: number, timeoutMs?: number): Promise<void>
  output(): string
  /** The file it recorded what it received in: the first call's, or the `index`th (-1: the latest). */
  received(index?: number): string
  close(): Promise<void>
}

export function baresipBinary(): string {
  const which = spawnSync('which', ['baresip'], { encoding: 'utf8' })
  if (which.status !== 0 || !which.stdout.trim()) {
    throw new Error('baresip is not installed: apt-get install -y --no-install-recommends baresip-core')
  }
  return which.stdout.trim()
}

/** A port free with the next one: baresip listens for SIP over TLS on sip_listen's port + 1. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort()
    const next = createServer()
    const free = await new Promise<boolean>((resolve) => {
      next.once('error', () => resolve(false))
      next.listen(port + 1, '127.0.0.1', () => resolve(true))
    })
    if (free) {
      await new Promise<void>((r) => next.close(() => r()))
      return port
    }
  }
}

export async function startBaresip(): Promise<Baresip> {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-baresip-'))
  const recordings = join(dir, 'rec')
  mkdirSync(recordings)
  const tone = join(dir, 'tone.wav')
  writeToneWav(tone, TRUNK_TONE.citizen, 120)
  const sipPort = await freePortPair()
  const consPort = await freePort()
  writeFileSync(
    join(dir, 'config'),
    [
      `sip_listen 127.0.0.1:${sipPort}`,
      'net_interface 127.0.0.1',
      `audio_source aufile,${tone}`,
      'audio_player alsa,null',
      'audio_alert alsa,null',
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aufile.so',
      'module alsa.so',
      'module sndfile.so',
      'module cons.so',
      'module_app account.so',
      'module_app menu.so',
      `cons_listen 127.0.0.1:${consPort}`,
      `snd_path ${recordings}`,
      '',
    ].join('\n'),
  )
  // baresip answers only requests for one of its accounts' users: the second is its phone number,
  // the third the same number in E.164 (the network routes both spellings to the one phone).
  const params = ';regint=0;answermode=auto;audio_codecs=PCMA,PCMU;call_transfer=yes'
  writeFileSync(
    join(dir, 'accounts'),
    [`<sip:citizen@127.0.0.1>`, `<sip:${CITIZEN_NUMBER}@127.0.0.1>`, `<sip:${CITIZEN_E164}@127.0.0.1>`]
      .map((aor) => `${aor}${params}\n`)
      .join(''),
  )
  const child = spawn(baresipBinary(), ['-4', '-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const listeners = new Set<() => void>()
  const keep = (chunk: Buffer): void => {
    output += chunk.toString()
    if (process.env['KCC_SIP_DEBUG']) {
      process.stderr.write(chunk)
    }
    for (const listener of [...listeners]) {
      listener()
    }
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const socket = createSocket('udp4')
  const count = (pattern: RegExp): number =>
    output.match(
      new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
    )?.length ?? 0
  const waitFor = (pattern: RegExp, times = 1, timeoutMs = 15_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (count(pattern) >= times) {
          listeners.delete(check)
          clearTimeout(timer)
          resolve()
        }
      }
      const timer = setTimeout(() => {
        listeners.delete(check)
        reject(
          new Error(`baresip: no ${pattern} (×${times}) within ${timeoutMs} ms:\n${output.slice(-3000)}`),
        )
      }, timeoutMs)
      listeners.add(check)
      check()
    })
  const close = async (): Promise<void> => {
    socket.close()
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitFor(/baresip is ready/i, 1, 10_000)
  } catch (error) {
    await close()
    throw error
  }
  return {
    sipPort,
    recordings,
    command: (line) =>
      new Promise((resolve, reject) =>
        // A long command (`/dial …`) runs at its newline; single keys (DTMF digits) at once.
        socket.send(line.startsWith('/') ? `${line}\n` : line, consPort, '127.0.0.1', (error) =>
          error ? reject(error) : resolve(),
        ),
      ),
    waitFor,
    output: () => output,
    received: (index = 0) => {
      const files = readdirSync(recordings)
        .filter((f) => f.endsWith('-dec.wav'))
        .sort()
      if (files.length === 0) {
        throw new Error(`baresip recorded nothing received: ${readdirSync(recordings).join(', ')}`)
      }
      const file = files.at(index)
      if (!file) {
        throw new Error(`baresip recorded no call ${index}: ${files.join(', ')}`)
      }
      return join(recordings, file)
    },
    close,
  }
}
