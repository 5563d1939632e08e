import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { GUEST_STRIPPED_HEADERS } from '../../../server/sip/access'
import { KLANTCONTACTNUMMER_PATTERN } from '../../../shared/klantcontact/klantcontactnummer'
import { KLANTCONTACT_HEADER, USER_TO_USER_HEADER } from '../../../shared/sip/klantcontactnummer'
import { MONITOR_HEADER } from '../../../shared/sip/monitor-header'
import {
  QUEUE_REJECT_PHRASES,
  QUEUE_REJECT_STATUS,
  QUEUED_PHRASE,
  QUEUED_STATUS,
} from '../../../shared/sip/queue-responses'

/**
 * Kamailio's configuration cannot import the shared constants, so it repeats them; this holds the
 * copy to the original: the headers an untrusted connection may not set, and how a blind transfer's
 * klantcontactnummer is read.
 */
const cfg = readFileSync(new URL('../../../deploy/kamailio/kamailio.cfg', import.meta.url), 'utf8')

/** The body of `route[name] { … }`, up to its closing brace at the start of a line. */
function route(name: string): string {
  const start = cfg.indexOf(`\nroute[${name}] {\n`)
  expect(start, `route[${name}] in kamailio.cfg`).toBeGreaterThanOrEqual(0)
  return cfg.slice(start, cfg.indexOf('\n}\n', start))
}

describe('deploy/kamailio/kamailio.cfg', () => {
  it('strips from an untrusted connection exactly the headers the embedded SIP server strips', () => {
    const removed = [...route('UNTRUSTED').matchAll(/remove_hf\("([^"]+)"\)/g)].map((m) => m[1])
    expect(removed.map((name) => name?.toLowerCase()).sort()).toEqual([...GUEST_STRIPPED_HEADERS].sort())
  })

  it('names the headers as shared/sip does, the klantcontactnummer pair and the monitor header', () => {
    const removed = [...route('UNTRUSTED').matchAll(/remove_hf\("([^"]+)"\)/g)].map((m) => m[1])
    expect(removed).toEqual(
      expect.arrayContaining([KLANTCONTACT_HEADER, USER_TO_USER_HEADER, MONITOR_HEADER]),
    )
  })

  it("reads a blind transfer's nummer from X-KCC-Klantcontact with the klantcontactnummer pattern", () => {
    const remember = route('REMEMBER_REFERRAL')
    expect(remember).toContain(`{param.value,${KLANTCONTACT_HEADER},&}`)
    expect(remember).toContain(`=~ "${KLANTCONTACTNUMMER_PATTERN.source}"`)
    expect(route('FOLLOW_REFERRAL')).toContain(`append_hf("${KLANTCONTACT_HEADER}: $var(nummer)`)
  })
})

describe('deploy/kamailio/queue.cfg', () => {
  const queueCfg = readFileSync(new URL('../../../deploy/kamailio/queue.cfg', import.meta.url), 'utf8')

  it('answers a queued caller with the provisional response the embedded server sends', () => {
    expect(queueCfg).toContain(`t_reply("${QUEUED_STATUS}", "${QUEUED_PHRASE}")`)
  })

  it('gives up on a caller with exactly the reason phrases the caller page knows', () => {
    const phrases = [...queueCfg.matchAll(/t_reply\("(\d+)", "([^"]+)"\)/g)]
      .filter((m) => Number(m[1]) === QUEUE_REJECT_STATUS)
      .map((m) => m[2])
    expect(new Set(phrases)).toEqual(new Set(Object.values(QUEUE_REJECT_PHRASES)))
  })
})
