import type { SipRequest, SipResponse } from 'sip'
import type { LiveHub } from '../../../../server/gateway/live'
import type { AfdelingConfig } from '../../../../server/gateway/config/types'
import type { SipTestClient } from '../../../support/sip-client'
import { until } from './support'

/**
 * What the overflow scenarios (overflow-scenarios.ts) need of a SIP server and its gateway, so that
 * they run unchanged against the embedded SIP server and against Kamailio.
 */

/** Short queue settings, so that a maximum wait passes within a test; KCC overflows to Vergunningen. */
export function shortQueueSettings(afdelingen: readonly AfdelingConfig[]): AfdelingConfig[] {
  const short = { ringSeconds: 2, serviceLevelSeconds: 20, terugbelverzoekAfterSeconds: 1 }
  return afdelingen.map((afdeling) =>
    afdeling.id === 'kcc'
      ? // Long enough a ring for one to outlast the maximum wait when it starts 4 s into the wait.
        { ...afdeling, queue: { ...short, ringSeconds: 4, maxWaitSeconds: 6, overflowTo: 'vergunningen' } }
      : afdeling.id === 'vergunningen'
        ? { ...afdeling, queue: { ...short, maxWaitSeconds: 2 } }
        : afdeling,
  )
}

export interface QueueHarness {
  hub: LiveHub
  domain: string
  /** A registered SIP client of an agent (login = extension in the demo configuration). */
  agent(login: string): Promise<SipTestClient>
  /** A new citizen's client. */
  caller(): Promise<SipTestClient>
  /** `caller` dials `uri`, past any digest challenge, without waiting for the end. */
  dial(
    caller: SipTestClient,
    uri: string,
  ): Promise<{ invite: SipRequest; result: Promise<{ final: SipResponse; provisional: SipResponse[] }> }>
  /** GET on the register (Klantinteracties API), relative to its base. */
  register<T>(path: string): Promise<T>
}

export interface Klantcontact {
  uuid: string
  kanaal: string
  onderwerp: string
  indicatieContactGelukt: boolean
  plaatsgevondenOp: string
  inhoud: string
}

export interface InterneTaak {
  gevraagdeHandeling: string
  status: string
  toegewezenAanActoren: Array<{ uuid: string }>
}

export async function terugbelverzoekKlantcontacten(harness: QueueHarness): Promise<Klantcontact[]> {
  const page = await harness.register<{ results: Klantcontact[] }>('/klantcontacten?pageSize=100')
  return page.results.filter((k) => k.onderwerp === 'Terugbelverzoek')
}

/** Sets each agent's state on the live hub, in order (the first has been in it longest). */
export async function setStates(
  hub: LiveHub,
  states: Array<[login: string, afdeling: string, state: 'beschikbaar' | 'pauze' | 'offline']>,
): Promise<void> {
  for (const [login, afdeling, state] of states) {
    await hub.publish({ type: 'agent.state', login, afdeling, state })
    // Strictly later for the next: the hub's times are in milliseconds, and at equal times the login decides.
    const since = Date.parse(hub.agent(login)!.since)
    await until(`the clock passed ${login}’s time`, () => Date.now() > since)
  }
}
