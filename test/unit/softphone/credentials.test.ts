import { afterEach, describe, expect, it } from 'vitest'
import {
  CredentialRenewal,
  RENEW_MARGIN_MS,
  RETRY_MS,
  renewalDelay,
  type ExpiringCredentials,
} from '../../../renderer/src/softphone/credential-renewal'
import { Softphone } from '../../../renderer/src/softphone/softphone'
import type { SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { header, responseTo, sipWire } from './fake-sip-wire'
import { fakeWebMediaFactory, recordingLogger } from './fakes'

// The softphone's ephemeral SIP credentials (docs/telephony.md): renewed before they expire, and
// the next digest challenge answered with the new ones.

/** Timers the test runs by hand, on a clock it moves. */
function manualTimers(start = 1_000_000) {
  let now = start
  const timers = new Map<number, { at: number; run: () => void }>()
  let next = 0
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      timers.set(++next, { at: now + ms, run })
      return next
    },
    clearTimer: (timer: unknown) => void timers.delete(timer as number),
    /** When the one pending timer fires (ms from now), or undefined. */
    pending: () => {
      const [only] = [...timers.values()]
      return only ? only.at - now : undefined
    },
    /** Moves the clock to the pending timer and runs it. */
    fire: async () => {
      const [id, timer] = [...timers.entries()][0]!
      timers.delete(id)
      now = timer.at
      timer.run()
      await new Promise((r) => setTimeout(r, 0))
    },
  }
}

const MINUTE = 60_000
const credentials = (n: number, expiresAt: number): ExpiringCredentials => ({
  authorizationUsername: `${Math.floor(expiresAt / 1000)}:medewerker1`,
  password: `password-${n}`,
  expiresAt,
})

describe('renewalDelay', () => {
  it('renews at three quarters of the remaining lifetime, at least five minutes before expiry', () => {
    expect(renewalDelay(60 * MINUTE, 0)).toBe(45 * MINUTE)
    expect(renewalDelay(12 * MINUTE, 0)).toBe(7 * MINUTE)
    expect(renewalDelay(4 * MINUTE, 0)).toBe(0)
    expect(renewalDelay(-MINUTE, 0)).toBe(0)
    expect(RENEW_MARGIN_MS).toBe(5 * MINUTE)
  })
})

describe('CredentialRenewal', () => {
  it('fetches new credentials before the current ones expire and hands them on, again and again', async () => {
    const timers = manualTimers()
    const start = timers.now()
    const issued = [credentials(2, start + 105 * MINUTE), credentials(3, start + 165 * MINUTE)]
    const applied: string[] = []
    const renewal = new CredentialRenewal({
      initial: credentials(1, start + 60 * MINUTE),
      fetch: () => Promise.resolve(issued.shift()!),
      apply: (c) => applied.push(`${c.authorizationUsername} ${c.password}`),
      log: recordingLogger().log,
      ...timers,
    })

    renewal.start()
    expect(timers.pending()).toBe(45 * MINUTE)
    await timers.fire()
    expect(applied).toEqual([`${Math.floor((start + 105 * MINUTE) / 1000)}:medewerker1 password-2`])
    // 60 minutes left of the new ones: renewed 45 minutes later.
    expect(timers.pending()).toBe(45 * MINUTE)
    await timers.fire()
    expect(applied).toHaveLength(2)
    expect(applied[1]).toMatch(/ password-3$/)
    renewal.stop()
    expect(timers.pending()).toBeUndefined()
  })

  it('tries again after a failed fetch while the credentials last, and logs no secret', async () => {
    const timers = manualTimers()
    const start = timers.now()
    const { log, entries } = recordingLogger()
    let fail = true
    const applied: string[] = []
    const renewal = new CredentialRenewal({
      initial: credentials(1, start + 20 * MINUTE),
      fetch: () =>
        fail
          ? Promise.reject(new Error('gateway unreachable'))
          : Promise.resolve(credentials(2, start + 80 * MINUTE)),
      apply: (c) => applied.push(c.password),
      log,
      ...timers,
    })

    renewal.start()
    await timers.fire()
    expect(applied).toEqual([])
    expect(timers.pending()).toBe(RETRY_MS)
    fail = false
    await timers.fire()

    expect(applied).toEqual(['password-2'])
    expect(JSON.stringify(entries)).not.toMatch(/password-/)
    renewal.stop()
  })

  it('renews at once when asked, and from then on in time for the new ones', async () => {
    const timers = manualTimers()
    const start = timers.now()
    let fail = true
    const applied: string[] = []
    const renewal = new CredentialRenewal({
      initial: credentials(1, start + 60 * MINUTE),
      fetch: () =>
        fail
          ? Promise.reject(new Error('gateway unreachable'))
          : Promise.resolve(credentials(2, start + 20 * MINUTE)),
      apply: (c) => applied.push(c.password),
      log: recordingLogger().log,
      ...timers,
    })
    renewal.start()

    expect(await renewal.renewNow()).toBe(false)
    expect(timers.pending()).toBe(45 * MINUTE)
    fail = false
    expect(await renewal.renewNow()).toBe(true)
    expect(applied).toEqual(['password-2'])
    expect(timers.pending()).toBe(15 * MINUTE)
    renewal.stop()
  })

  it('hands nothing on once stopped, even when the fetch was under way', async () => {
    const timers = manualTimers()
    let answer: (c: ExpiringCredentials) => void = () => undefined
    const applied: string[] = []
    const renewal = new CredentialRenewal({
      initial: credentials(1, timers.now() + 10 * MINUTE),
      fetch: () => new Promise((resolve) => (answer = resolve)),
      apply: (c) => applied.push(c.password),
      log: recordingLogger().log,
      ...timers,
    })
    renewal.start()
    await timers.fire()

    renewal.stop()
    answer(credentials(2, timers.now() + 60 * MINUTE))
    await new Promise((r) => setTimeout(r, 0))

    expect(applied).toEqual([])
    expect(timers.pending()).toBeUndefined()
  })
})

describe('Softphone credentials', () => {
  const phones: Softphone[] = []
  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()))
  })

  const until = (phone: Softphone, predicate: (s: SoftphoneSnapshot) => boolean): Promise<void> =>
    new Promise((resolve) => {
      if (predicate(phone.getSnapshot())) {
        return resolve()
      }
      const off = phone.subscribe((s) => {
        if (predicate(s)) {
          off()
          resolve()
        }
      })
    })

  /** The username the phone answers a 407 for its next call with. */
  const answersChallengeWith = async (wire: ReturnType<typeof sipWire>, phone: Softphone, target: string) => {
    await phone.call(target)
    const invite = await wire.waitFor((m) => m.startsWith(`INVITE sip:${target}@`))
    wire.deliver(
      responseTo(invite, '407 Proxy Authentication Required', [
        'Proxy-Authenticate: Digest realm="kcc.test", nonce="abc123", qop="auth", algorithm=MD5',
      ]),
    )
    const again = await wire.waitFor(
      (m) => m.startsWith(`INVITE sip:${target}@`) && /^Proxy-Authorization:/im.test(m),
    )
    return /username="([^"]+)"/.exec(header(again, 'Proxy-Authorization'))?.[1]
  }

  /** A softphone on `wire`, with the first ephemeral credentials. */
  const phoneOn = (
    wire: ReturnType<typeof sipWire>,
    renewCredentials?: () => Promise<boolean>,
  ): Softphone => {
    const phone = new Softphone({
      websocketUrl: 'wss://sip.invalid/',
      domain: 'kcc.test',
      extension: 'medewerker1',
      authorizationUsername: '1796630000:medewerker1',
      password: 'first-password',
      transportConstructor: wire.transportConstructor,
      sessionDescriptionHandlerFactory: fakeWebMediaFactory().factory,
      logger: recordingLogger().log,
      audioOutput: null,
      ringtone: null,
      mediaDevices: null,
      ...(renewCredentials ? { renewCredentials } : {}),
    })
    phones.push(phone)
    return phone
  }

  it('answers challenges with the ephemeral username it was given, and with renewed credentials once set', async () => {
    const wire = sipWire()
    const phone = phoneOn(wire)
    await phone.start()
    await until(phone, (s) => s.registration === 'registered')

    expect(await answersChallengeWith(wire, phone, 'medewerker2')).toBe('1796630000:medewerker1')
    await phone.hangup()

    phone.setCredentials({ authorizationUsername: '1796633600:medewerker1', password: 'second-password' })

    expect(await answersChallengeWith(wire, phone, 'medewerker3')).toBe('1796633600:medewerker1')
  })

  it('registers again with new credentials when the registrar refuses the current ones, as after a restart', async () => {
    const wire = sipWire({ registerAnswer: (n) => (n === 1 ? '403 Forbidden' : '200 OK') })
    let renewals = 0
    const phone = phoneOn(wire, () => {
      renewals += 1
      phone.setCredentials({ authorizationUsername: '1796633600:medewerker1', password: 'second-password' })
      return Promise.resolve(true)
    })
    await phone.start()
    await until(phone, (s) => s.registration === 'registered')

    expect(renewals).toBe(1)
    expect(wire.requests('REGISTER')).toHaveLength(2)
  })

  it('gives up after one renewal when the registrar refuses the new credentials too', async () => {
    const wire = sipWire({ registerAnswer: () => '403 Forbidden' })
    let renewals = 0
    const phone = phoneOn(wire, () => {
      renewals += 1
      return Promise.resolve(true)
    })
    await phone.start()
    await until(phone, (s) => s.registration === 'failed')

    expect(renewals).toBe(1)
    expect(wire.requests('REGISTER')).toHaveLength(2)
  })

  it('shows the refusal when the gateway gives no new credentials', async () => {
    const wire = sipWire({ registerAnswer: () => '403 Forbidden' })
    const phone = phoneOn(wire, () => Promise.resolve(false))
    await phone.start()
    await until(phone, (s) => s.registration === 'failed')

    expect(wire.requests('REGISTER')).toHaveLength(1)
  })
})
