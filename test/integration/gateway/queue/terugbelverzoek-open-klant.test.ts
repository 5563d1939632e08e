import { describe, expect, it } from 'vitest'
import { queueDb } from '../../../../server/gateway/queue/tables'
import { useGateway } from '../../../support/gateway'
import { nextEvent, TestLine, waitingCall } from './support'

/**
 * Against a register that does not make nummers (Open Klant 2.16+; our provider with generation
 * off), the gateway supplies the terugbelverzoek's nummer, as it does for an agent's klantcontact.
 */
const gateway = useGateway({ mode: 'open-klant' })

describe('a terugbelverzoek against Open Klant 2.16+', () => {
  it('gets a nummer from the gateway and is audited with it', async () => {
    const tg = gateway()
    const created = nextEvent(tg.gateway.live.hub, 'terugbelverzoek.created')
    const line = new TestLine(waitingCall('kcc', '+31201234567'))
    tg.gateway.queue.enter(line)
    expect((await created).afdeling).toBe('kcc')

    const row = await queueDb(tg.gateway.storage.db)
      .selectFrom('terugbelverzoek')
      .selectAll()
      .executeTakeFirstOrThrow()
    const klantcontact = await tg.register.get<{ nummer: string; inhoud: string }>(
      `/klantcontacten/${row.klantcontact_uuid}`,
    )
    expect(klantcontact.body.nummer).toMatch(/^\d{1,10}$/)
    expect(klantcontact.body.inhoud).toContain('+31201234567')
    const audit = await tg.gateway.services.audit.recent({ limit: 5, securityOnly: false })
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'terugbelverzoek.registreren',
        objectNummer: klantcontact.body.nummer,
      }),
    )
  })
})
