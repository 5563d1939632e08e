import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { KLANTCONTACTNUMMER_PATTERN } from '../../../shared/klantcontact/klantcontactnummer'

/**
 * The trunk part of deploy/kamailio/kamailio.cfg (WITH_TRUNK) repeats rules that live elsewhere:
 * what never leaves for the carrier, which numbers go out, and how a transfer's nummer is read.
 * Its behaviour is tested with real parts in test/integration/trunk/.
 */
const cfg = readFileSync(new URL('../../../deploy/kamailio/kamailio.cfg', import.meta.url), 'utf8')

function route(name: string): string {
  const start = cfg.indexOf(`\nroute[${name}] {\n`)
  expect(start, `route[${name}] in kamailio.cfg`).toBeGreaterThanOrEqual(0)
  return cfg.slice(start, cfg.indexOf('\n}\n', start))
}

const removedBy = (name: string): string[] =>
  [...route(name).matchAll(/remove_hf\("([^"]+)"\)/g)].map((m) => m[1]!.toLowerCase())

/** kamailio.cfg's EXTERNAL_NUMBER as a JavaScript RegExp (a POSIX ERE this simple means the same). */
function externalNumber(): RegExp {
  const define = /^#!define EXTERNAL_NUMBER "(.+)"$/m.exec(cfg)?.[1]
  expect(define, 'EXTERNAL_NUMBER in kamailio.cfg').toBeDefined()
  return new RegExp(define!)
}

describe('deploy/kamailio/kamailio.cfg with the trunk', () => {
  it('removes towards the carrier every header an untrusted connection may not set, and our identity', () => {
    expect(removedBy('TO_CARRIER')).toEqual(
      expect.arrayContaining([...removedBy('UNTRUSTED'), 'p-asserted-identity']),
    )
  })

  it('sends out E.164 and national numbers only', () => {
    const pattern = externalNumber()
    for (const number of ['+31201234567', '+442071234567', '0201234567', '0612345678', '08001234']) {
      expect(number, number).toMatch(pattern)
    }
    for (const number of [
      '00201234567',
      '112',
      '14020',
      'agent1',
      '+0201234567',
      '020 1234567',
      '0201234567;x',
    ]) {
      expect(number, number).not.toMatch(pattern)
    }
  })

  it("reads a transferred call's nummer with the klantcontactnummer pattern", () => {
    const follows = route('CARRIER_FOLLOWS_REFER')
    const pattern = /\$var\(nummer\) =~ "([^"]+)"/.exec(follows)?.[1]
    expect(pattern).toBe(KLANTCONTACTNUMMER_PATTERN.source)
  })
})
