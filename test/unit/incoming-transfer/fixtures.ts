import { vi } from 'vitest'
import type {
  ContactverzoekInput,
  ContactverzoekView,
  KlantcontactView,
  ResolvedTransferView,
} from '../../../shared/gateway/api'
import type { TransferOffer } from '../../../shared/live/protocol'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { GatewayError } from '../../../renderer/src/api/errors'
import type { GatewayApi } from '../../../renderer/src/api/gateway-client'
import { memoryStorage } from '../../../renderer/src/klantcontact/persistence'
import { createLogger, type LogLevel, type Logger } from '../../../renderer/src/log'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import { createAppStore, type AppStore } from '../../../renderer/src/store'
import { feedPhone } from '../workspace/coordinated'

export const AGENT = 'medewerker2'
export const AFDELING = 'vergunningen'
export const COLLEAGUE = 'medewerker1'
export const RING = Date.parse('2026-03-02T09:15:00.000Z')
export const NUMMER = '26000042' as Klantcontactnummer
export const UUID = '9c1d4f3e-0000-4000-8000-000026000042'

/** The real store over an in-memory localStorage; the storage is returned to look into. */
export function storeOver(storage = memoryStorage()): { store: AppStore; storage: typeof storage } {
  return { store: createAppStore({ storage }), storage }
}

/** A logger that keeps what it was told, to check levels (and that no content is logged). */
export function recordingLogger(): Logger & { readonly lines: Array<[LogLevel, string, unknown]> } {
  const lines: Array<[LogLevel, string, unknown]> = []
  return {
    lines,
    ...createLogger('test', (level, _scope, message, fields) => lines.push([level, message, fields])),
  }
}

export function viewOf(changes: Partial<KlantcontactView> = {}): KlantcontactView {
  return {
    uuid: UUID,
    nummer: NUMMER,
    referentienummer: null,
    kanaal: 'Telefoon',
    onderwerp: 'Dakkapel zonder vergunning',
    inhoud: 'Buurman bouwt een dakkapel.\nVraagt of daar een vergunning voor is.',
    reactie: '',
    taal: 'nld',
    vertrouwelijk: false,
    indicatieContactGelukt: true,
    plaatsgevondenOp: new Date(RING).toISOString(),
    betrokkenen: [
      { uuid: 'b-2', rol: 'klant', initiator: false, volledigeNaam: 'Piet Bakker' },
      { uuid: 'b-1', rol: 'klant', initiator: true, volledigeNaam: 'Jan de Vries' },
    ],
    actoren: [{ uuid: 'a-1', naam: 'Medewerker Een', soortActor: 'medewerker', login: COLLEAGUE }],
    afgeschermd: false,
    ...changes,
  }
}

export function resolvedOf(view: KlantcontactView = viewOf()): ResolvedTransferView {
  return {
    transfer: {
      id: 't-1',
      klantcontactUuid: view.uuid,
      nummer: view.nummer ?? NUMMER,
      from: COLLEAGUE,
      target: { type: 'agent', id: AGENT },
      expiresAt: new Date(RING + 600_000).toISOString(),
    },
    klantcontact: view,
  }
}

export const problem = (status: number, body: GatewayError['problem'] = {}): GatewayError =>
  new GatewayError(status >= 500 ? 'failed' : 'rejected', status, body, body?.detail ?? `HTTP ${status}`)

export const unreachable = (): GatewayError => new GatewayError('unreachable', undefined, undefined, 'down')

type Answer<T> = T | GatewayError | (() => Promise<T>)

const reply = <T>(answer: Answer<T>): Promise<T> =>
  typeof answer === 'function'
    ? (answer as () => Promise<T>)()
    : answer instanceof GatewayError
      ? Promise.reject(answer)
      : Promise.resolve(answer)

/** A GatewayApi for the opened feature: each method answers from its script, and is a spy. */
export function fakeApi(
  script: {
    resolve?: Answer<ResolvedTransferView>
    byNummer?: Answer<KlantcontactView>
    answer?: Answer<KlantcontactView>
    contactverzoek?: Answer<ContactverzoekView>
  } = {},
) {
  return {
    resolveTransfer: vi.fn((_nummer: string) => reply(script.resolve ?? resolvedOf())),
    klantcontactByNummer: vi.fn((_nummer: string) => reply(script.byNummer ?? viewOf())),
    answer: vi.fn((_uuid: string, _antwoord: string) => reply(script.answer ?? viewOf())),
    createContactverzoek: vi.fn((input: ContactverzoekInput) =>
      reply(script.contactverzoek ?? contactverzoekOf(input)),
    ),
  } satisfies Partial<GatewayApi>
}

export function contactverzoekOf(input: ContactverzoekInput): ContactverzoekView {
  return {
    uuid: 'c-1',
    klantcontactUuid: input.klantcontactUuid,
    gevraagdeHandeling: input.gevraagdeHandeling,
    toelichting: input.toelichting ?? '',
    status: 'te_verwerken',
    toegewezenOp: new Date(RING).toISOString(),
    toegewezenAan: { ...input.toegewezenAan, naam: 'Afdeling Vergunningen', actorUuid: 'a-9' },
  }
}

/** Puts a call into the store, through the store's call coordinator when it has one (../workspace/coordinated.ts). */
export function setCall(store: AppStore, call: Partial<CallSnapshot> | null): void {
  const snapshot: CallSnapshot | null =
    call === null
      ? null
      : {
          id: 'call-1',
          sipCallId: 'consult-1@pc12.gemeente.example',
          state: 'ringing',
          direction: 'inbound',
          remoteNumber: COLLEAGUE,
          startedAt: RING,
          muted: false,
          held: false,
          ...call,
        }
  feedPhone(store, { ...store.getState().workspace.phone, call: snapshot })
}

export function offerOf(changes: Partial<TransferOffer> = {}): TransferOffer {
  return {
    transferId: 't-1',
    klantcontactnummer: NUMMER,
    from: COLLEAGUE,
    to: { kind: 'agent', login: AGENT },
    offeredAt: new Date(RING - 5_000).toISOString(),
    ...changes,
  }
}

/** The agent directory as the workspace loads it: medewerker1 (COLLEAGUE), medewerker2, medewerker3. */
export function setDirectory(store: AppStore): void {
  const medewerker = (login: string, afdeling: string) => ({
    login,
    displayName: login,
    afdeling,
    extension: login,
    sipAddress: `sip:${login}@kcc.test`,
    state: 'beschikbaar',
  })
  store.getState().workspace.setDirectory({
    status: 'ready',
    value: {
      afdelingen: [
        {
          id: AFDELING,
          naam: 'Afdeling Vergunningen',
          groupAddress: 'sip:vergunningen@kcc.test',
          leden: [AGENT],
        },
      ],
      medewerkers: [
        medewerker(COLLEAGUE, 'kcc'),
        medewerker(AGENT, AFDELING),
        medewerker('medewerker3', 'kcc'),
      ],
    },
  })
}

export function setOffers(store: AppStore, transfers: TransferOffer[]): void {
  const live = store.getState().workspace.live
  store.getState().workspace.setLive({ ...live, transfers })
}

export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
