import type { SoftphoneAccountView } from '../../shared/gateway/api'
import { SipTestClient } from '../support/sip-client'
import { expect, SIP_BACKENDS, test } from './support/kcc-rig'
import { callerDials, klantcontactForm } from './support/pages'
import {
  answerAndRegister,
  ONDERWERP,
  openedKlantcontact,
  phone,
  transferCast,
} from './support/transfer-flow'

/**
 * Trust: a klantcontactnummer in the SIP signalling opens a klantcontact only through the gateway's
 * transfer record, never on the header alone (docs/agent-app.md, "The receiving side"). Against
 * both SIP servers, with a raw SIP client playing the attacker.
 */
for (const backend of SIP_BACKENDS) {
  test.describe(`a forged klantcontactnummer with the ${backend} SIP server`, () => {
    test.use({ sipBackend: backend })

    test('a klantcontactnummer sent by someone outside opens nothing', async ({ rig, browser }) => {
      const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)
      await callerDials(caller, rig)
      const nummer = (await answerAndRegister(medewerker1))!
      await phone(medewerker1).getByRole('button', { name: 'Ophangen' }).click()

      // A caller from outside, on the guest account, names that real nummer in our headers.
      const outsider = await SipTestClient.connect({
        url: rig.sipUrl,
        domain: rig.config.sip.domain,
        user: rig.callerAccount['user']!,
        ...(rig.callerAccount['password'] ? { password: rig.callerAccount['password'] } : {}),
      })
      try {
        const hex = Buffer.from(nummer, 'ascii').toString('hex')
        const sent = outsider.invite(`sip:medewerker2@${rig.config.sip.domain}`, {
          headers: {
            'X-KCC-Klantcontact': nummer,
            'User-to-User': `${hex};encoding=hex;purpose=kcc-klantcontact`,
          },
        })
        await expect(phone(medewerker2).getByText('Inkomend gesprek')).toBeVisible()
        // The SIP server stripped the headers: an ordinary ringing call, whose klantcontact would be
        // a new one of its own, opened at Opnemen.
        await expect(medewerker2.getByTestId('ringing-call')).toBeVisible()
        await expect(klantcontactForm(medewerker2).onderwerp).toHaveCount(0)
        await expect(openedKlantcontact(medewerker2, nummer)).toHaveCount(0)
        await phone(medewerker2).getByRole('button', { name: 'Weigeren' }).click()
        expect((await sent).final.status).toBeGreaterThanOrEqual(400)
      } finally {
        await outsider.close()
      }
    })

    test('a pending transfer offer never opens its klantcontact for a guest’s call', async ({
      rig,
      browser,
    }) => {
      const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)
      await callerDials(caller, rig)
      const nummer = (await answerAndRegister(medewerker1))!
      await phone(medewerker1).getByRole('button', { name: 'Ophangen' }).click()

      // medewerker1 announces the klantcontact to medewerker2 (the live offer is now pending there)…
      const session = await rig.login('medewerker1')
      const announced = await fetch(`${rig.url}/api/transfers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ nummer, target: { type: 'agent', id: 'medewerker2' } }),
      })
      expect(announced.status).toBe(201)

      // …and a guest calls medewerker2 with no headers at all.
      const outsider = await SipTestClient.connect({
        url: rig.sipUrl,
        domain: rig.config.sip.domain,
        user: rig.callerAccount['user']!,
        ...(rig.callerAccount['password'] ? { password: rig.callerAccount['password'] } : {}),
      })
      try {
        const sent = outsider.invite(`sip:medewerker2@${rig.config.sip.domain}`)
        await expect(phone(medewerker2).getByText('Inkomend gesprek')).toBeVisible()
        await expect(medewerker2.getByTestId('ringing-call')).toBeVisible()
        // The offer may arrive while the call rings: give it the time it would need to attach.
        await medewerker2.waitForTimeout(2_000)
        await expect(openedKlantcontact(medewerker2, nummer)).toHaveCount(0)
        await expect(medewerker2.getByText(ONDERWERP)).toHaveCount(0)
        await expect(medewerker2.getByTestId('ringing-call')).toBeVisible()
        await phone(medewerker2).getByRole('button', { name: 'Weigeren' }).click()
        expect((await sent).final.status).toBeGreaterThanOrEqual(400)
      } finally {
        await outsider.close()
      }
    })

    test('a klantcontactnummer without a transfer record opens nothing, even from an agent phone', async ({
      rig,
      browser,
    }) => {
      const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)
      await callerDials(caller, rig)
      const nummer = (await answerAndRegister(medewerker1))!
      await phone(medewerker1).getByRole('button', { name: 'Ophangen' }).click()

      // medewerker1's SIP credentials (say, copied out of the app) send the headers, which the SIP
      // servers pass on an agent's connection; the gateway has no transfer record for medewerker2.
      const account = await (await rig.login('medewerker1')).get<SoftphoneAccountView>('/api/softphone')
      const rogue = await SipTestClient.connect({
        url: rig.sipUrl,
        domain: account.domain,
        user: account.extension,
        authUser: account.authorizationUsername,
        password: account.password,
      })
      const supervisor = await rig.login('supervisor')
      try {
        const sent = rogue.invite(`sip:medewerker2@${rig.config.sip.domain}`, {
          headers: { 'X-KCC-Klantcontact': nummer },
        })
        await expect(phone(medewerker2).getByText('Inkomend gesprek')).toBeVisible()
        await expect(phone(medewerker2).getByText(nummer)).toBeVisible()
        // medewerker2's app asked the gateway, which refused and audited it as a security event.
        await expect
          .poll(async () => {
            const audit = await supervisor.get<{ results: Array<{ detail: string | null }> }>(
              '/api/audit?security=true&limit=20',
            )
            return audit.results.some((event) => event.detail === 'geen-overdracht')
          })
          .toBe(true)
        await expect(openedKlantcontact(medewerker2, nummer)).toHaveCount(0)
        await expect(medewerker2.getByText(ONDERWERP)).toHaveCount(0)
        await phone(medewerker2).getByRole('button', { name: 'Weigeren' }).click()
        expect((await sent).final.status).toBe(603)
      } finally {
        await rogue.close()
      }
    })
  })
}
