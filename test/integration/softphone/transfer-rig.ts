import type { Inviter } from 'sip.js'
import { createLogger } from '../../../renderer/src/log'
import { ElementAudioOutput, type AudioElementLike } from '../../../renderer/src/softphone/media/audio-output'
import { Softphone, type SoftphoneOptions } from '../../../renderer/src/softphone/softphone'
import type { SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { SIP_DOMAIN, type SipFixture } from '../../support/sip-servers'
import { call, sipJsAgent, type SipJsAgent } from '../../support/sip-sipjs'
import { followReferrals, type Transferee, type TransfereeOptions } from '../../support/sip-transferee'
import { FakeAudioElement, fakeWebMediaFactory, type FakeWebMedia } from '../../unit/softphone/fakes'
import { until } from './harness'

/**
 * Agents' Softphones in Node with fake media shaped like sip.js' Web handler and a fake `<audio>`
 * for the call audio, and customers as sip.js clients that follow REFERs
 * (test/support/sip-transferee.ts), for the transfer tests.
 */
export const NUMMER = '26000001'

export interface TestPhone {
  phone: Softphone
  /** The session description handlers of its calls, in order. */
  media: FakeWebMedia[]
  speaker: FakeAudioElement
  /** Every snapshot it published, in order. */
  seen: SoftphoneSnapshot[]
}

export interface CustomerCall {
  leg: Inviter
  transferee: Transferee
}

export interface TransferRig {
  phone(extension: string, options?: Partial<SoftphoneOptions>): Promise<TestPhone>
  client(user: string): Promise<SipJsAgent>
  /** `user` calls medewerker1 on `a`, who answers; the customer's phone follows REFERs. */
  customerCalls(a: TestPhone, user: string, options?: TransfereeOptions): Promise<CustomerCall>
  /** `a` consults medewerker2 on `b` with the nummer, `b` answers. Resolves with the consult's Call-ID. */
  consultAnswered(a: TestPhone, b: TestPhone): Promise<string>
  /** Stops every phone and client made since the last call. */
  cleanUp(): Promise<void>
}

const quiet = createLogger('test', () => undefined)

export function transferRig(url: () => string, fixture: SipFixture): TransferRig {
  const phones: Softphone[] = []
  const clients: SipJsAgent[] = []

  const phone = async (extension: string, options: Partial<SoftphoneOptions> = {}): Promise<TestPhone> => {
    const { factory, made } = fakeWebMediaFactory()
    const speaker = new FakeAudioElement()
    const p = new Softphone({
      websocketUrl: url(),
      domain: SIP_DOMAIN,
      extension,
      authorizationUsername: fixture.credentials[extension]!.authUser,
      password: fixture.credentials[extension]!.password,
      sessionDescriptionHandlerFactory: factory,
      logger: quiet,
      reinviteRetry: { attempts: 3, delayMs: () => 50 },
      audioOutput: new ElementAudioOutput(speaker as unknown as AudioElementLike, quiet),
      ringtone: null,
      mediaDevices: null,
      ...options,
    })
    phones.push(p)
    const seen: SoftphoneSnapshot[] = []
    p.subscribe((s) => seen.push(s))
    await p.start()
    await until(p, (s) => s.registration === 'registered')
    return { phone: p, media: made, speaker, seen }
  }

  const client = async (user: string): Promise<SipJsAgent> => {
    const c = await sipJsAgent({ url: url(), domain: SIP_DOMAIN, user, ...fixture.credentials[user] })
    clients.push(c)
    return c
  }

  return {
    phone,
    client,
    customerCalls: async (a, user, options) => {
      const customer = await client(user)
      const calling = call(customer, `sip:medewerker1@${SIP_DOMAIN}`)
      await until(a.phone, (s) => s.call?.state === 'ringing')
      await a.phone.answer()
      const leg = await calling
      await until(a.phone, (s) => s.call?.state === 'active')
      return { leg, transferee: followReferrals(leg, options) }
    },
    consultAnswered: async (a, b) => {
      await a.phone.startConsult('medewerker2', { klantcontactnummer: NUMMER })
      const ringing = await until(b.phone, (s) => s.call?.state === 'ringing')
      await b.phone.answer()
      await until(a.phone, (s) => s.consult?.state === 'active')
      return ringing.call!.sipCallId
    },
    cleanUp: async () => {
      await Promise.all(phones.splice(0).map((p) => p.stop()))
      await Promise.all(clients.splice(0).map((c) => c.stop()))
    },
  }
}
