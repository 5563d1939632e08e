import { vi } from 'vitest'
import type { AgentView, AssigneeRef, DirectoryView, TransferView } from '../../../shared/gateway/api'
import type { AgentStatus } from '../../../shared/live/protocol'
import {
  parseKlantcontactnummer,
  type Klantcontactnummer,
} from '../../../shared/klantcontact/klantcontactnummer'
import type { TransferSubject } from '../../../renderer/src/api/gateway-client'
import type { TransferOptions } from '../../../renderer/src/softphone/transfer/transfer'
import type { CallSnapshot, TransferSnapshot } from '../../../renderer/src/softphone/types'
import type { AppStore } from '../../../renderer/src/store'
import type { TransferTarget } from '../../../renderer/src/transfer/target'
import { RING } from '../klantcontact/fixtures'
import { viewOf } from '../klantcontact/store-fixtures'
import { feedPhone } from '../workspace/coordinated'

/** The agent doing the transferring (a member of Vergunningen). */
export const SELF = 'medewerker1'
export const NUMMER = '26000042' as Klantcontactnummer
export const SAVED_VIEW = viewOf(NUMMER)
export const UUID = SAVED_VIEW.uuid

export const VERGUNNINGEN: TransferTarget = {
  type: 'afdeling',
  id: 'vergunningen',
  naam: 'Vergunningen',
  address: 'vergunningen',
}

export const BRAM: TransferTarget = { type: 'agent', id: 'medewerker2', naam: 'Bram Jansen', address: '2002' }

/**
 * Two afdelingen; the agent themself, an available colleague, one on the phone (with diacritics in
 * the name) in Vergunningen, and one in Burgerzaken with a state this app does not know.
 */
export function directoryOf(): DirectoryView {
  return {
    afdelingen: [
      {
        id: 'vergunningen',
        naam: 'Vergunningen',
        groupAddress: 'sip:vergunningen@kcc.local',
        leden: [SELF, 'medewerker2', 'medewerker3'],
      },
      { id: 'burgerzaken', naam: 'Burgerzaken', groupAddress: '3100', leden: ['medewerker4'] },
    ],
    medewerkers: [
      {
        login: SELF,
        displayName: 'Anna de Wit',
        afdeling: 'vergunningen',
        extension: '2001',
        sipAddress: 'sip:2001@kcc.local',
        state: 'beschikbaar',
      },
      {
        login: 'medewerker2',
        displayName: 'Bram Jansen',
        afdeling: 'vergunningen',
        extension: '2002',
        sipAddress: 'sip:2002@kcc.local',
        state: 'beschikbaar',
      },
      {
        login: 'medewerker3',
        displayName: 'Chloë Özdemir',
        afdeling: 'vergunningen',
        extension: '2003',
        sipAddress: 'sip:2003@kcc.local',
        state: 'in_gesprek',
      },
      {
        login: 'medewerker4',
        displayName: 'Daan Smit',
        afdeling: 'burgerzaken',
        extension: '2004',
        sipAddress: 'sip:2004@kcc.local',
        state: 'afwezig',
      },
    ],
  }
}

export function liveOf(login: string, state: AgentStatus['state'], afdeling = 'vergunningen'): AgentStatus {
  return { login, afdeling, state, since: new Date(RING).toISOString() }
}

export const AGENT_VIEW: AgentView = {
  login: SELF,
  displayName: 'Anna de Wit',
  email: 'anna@gemeente.example',
  role: 'agent',
  afdeling: { id: 'vergunningen', naam: 'Vergunningen' },
  answerField: 'inhoud',
  monitorNotice: true,
}

/** The customer's call, talking (active) unless `changes` say otherwise. */
export function callOf(changes: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id: 'call-1',
    sipCallId: 'customer-1@pbx.gemeente.example',
    state: 'active',
    direction: 'inbound',
    remoteNumber: '0612345678',
    startedAt: RING,
    answeredAt: RING + 5_000,
    muted: false,
    held: false,
    ...changes,
  }
}

export function transferOf(changes: Partial<TransferSnapshot> = {}): TransferSnapshot {
  return {
    kind: 'warm',
    state: 'consulting',
    target: 'vergunningen',
    klantcontactnummer: NUMMER,
    startedAt: RING + 60_000,
    ...changes,
  }
}

/** Puts the softphone's state into the store, as the call coordinator does. */
export function setPhone(
  store: AppStore,
  phone: { call?: CallSnapshot | null; consult?: CallSnapshot | null; transfer?: TransferSnapshot | null },
): void {
  const current = store.getState().workspace.phone
  feedPhone(store, { ...current, ...phone })
}

/** The agent's draft for `callId`, with an onderwerp (valid) unless `onderwerp` is empty. */
export function draftForCall(
  store: AppStore,
  onderwerp = 'Dakkapel zonder vergunning',
  callId = 'call-1',
): string {
  const actions = store.getState().klantcontact
  const id = actions.openForCall({ agentLogin: SELF, callId, callerNumber: '0612345678', at: RING })
  actions.update(id, { onderwerp })
  return id
}

/** What the outbox does for a queued draft the gateway accepts. */
export function outboxSaves(store: AppStore, draftId: string, nummer: string = NUMMER): void {
  store.getState().klantcontact.markSending(draftId)
  store.getState().klantcontact.markSaved(draftId, viewOf(nummer))
}

/** A draft for `callId` the gateway has confirmed (uuid and nummer known). */
export function savedDraftForCall(store: AppStore, callId = 'call-1'): string {
  const id = draftForCall(store, 'Dakkapel zonder vergunning', callId)
  if (!store.getState().klantcontact.requestSave(id, RING)) {
    throw new Error('draft did not validate')
  }
  outboxSaves(store, id)
  return id
}

export function recordOf(
  subject: TransferSubject,
  target: AssigneeRef,
  nummer: string = NUMMER,
): TransferView {
  return {
    id: 't-1',
    klantcontactUuid: 'klantcontactUuid' in subject ? subject.klantcontactUuid : UUID,
    nummer,
    from: SELF,
    target,
    expiresAt: new Date(RING + 600_000).toISOString(),
  }
}

/** The gateway's `announceTransfer`, answering a record with `nummer` (or what `answer` says). */
export function fakeTransferApi(
  answer?: (subject: TransferSubject, target: AssigneeRef) => Promise<TransferView>,
) {
  return {
    announceTransfer: vi.fn(
      answer ??
        ((subject: TransferSubject, target: AssigneeRef) => Promise.resolve(recordOf(subject, target))),
    ),
    closeTransfer: vi.fn((_id: string, _outcome: 'accepted' | 'declined' | 'cancelled') => Promise.resolve()),
  }
}

/** The softphone's transfer verbs; each resolves unless replaced. */
export function fakeSoftphone() {
  return {
    startConsult: vi.fn((_target: string, _options?: TransferOptions) => Promise.resolve()),
    blindTransfer: vi.fn((target: string, options?: TransferOptions) =>
      Promise.resolve(
        transferOf({
          kind: 'blind',
          state: 'completed',
          target,
          klantcontactnummer: parseKlantcontactnummer(options?.klantcontactnummer),
        }),
      ),
    ),
    completeTransfer: vi.fn(() => Promise.resolve(transferOf({ state: 'completed' }))),
    cancelConsult: vi.fn(() => Promise.resolve()),
  }
}

/** A promise resolved or rejected from outside, to hold a step in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

/** Lets pending promise callbacks run (no timers involved). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve()
  }
}
