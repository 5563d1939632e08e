import { vi } from 'vitest'
import type { AgentView, KlantcontactView } from '../../../shared/gateway/api'
import type { InboxItemView, InboxView } from '../../../shared/gateway/inbox'
import type { GatewayApi } from '../../../renderer/src/api/gateway-client'
import { GatewayError } from '../../../renderer/src/api/errors'

/** The inbox tests' clock. */
export const NOW = Date.parse('2026-12-04T10:00:00.000Z')
export const ago = (ms: number): string => new Date(NOW - ms).toISOString()

export const AGENT: AgentView = {
  login: 'm-eva',
  displayName: 'Eva Mulder',
  email: 'eva@gemeente.example',
  role: 'agent',
  afdeling: { id: 'vergunningen', naam: 'Vergunningen' },
  answerField: 'inhoud',
  monitorNotice: true,
}

export const KCC = { id: 'kcc', naam: 'KCC' }
export const VERGUNNINGEN = { id: 'vergunningen', naam: 'Vergunningen' }

let made = 0

/** An open terugbelverzoek for Vergunningen, 25 minutes old, nobody on it yet. */
export function itemOf(changes: Partial<InboxItemView> = {}): InboxItemView {
  made++
  const n = String(made).padStart(12, '0')
  return {
    uuid: `5f0c7a52-3d7e-4b1a-9c61-${n}`,
    nummer: `00000${made}`,
    gevraagdeHandeling: 'Terugbellen',
    toelichting: 'Terugbelverzoek voor Vergunningen. Wachttijd in de wachtrij: 3 min.',
    status: 'te_verwerken',
    toegewezenOp: ago(25 * 60_000),
    afgehandeldOp: null,
    afdeling: VERGUNNINGEN,
    medewerker: null,
    terugbelverzoek: true,
    telefoonnummer: '0612345678',
    klantcontact: {
      uuid: `8a2e6c14-7b3f-4d5e-a1c9-${n}`,
      nummer: `2600${String(made).padStart(4, '0')}`,
      kanaal: 'Telefoon',
      onderwerp: 'Terugbelverzoek',
      plaatsgevondenOp: ago(28 * 60_000),
      medewerkers: [],
      indicatieContactGelukt: false,
      vertrouwelijk: false,
      afgeschermd: false,
      afhandeling: null,
    },
    ...changes,
  }
}

export function viewOf(results: InboxItemView[]): InboxView {
  return { results, open: results.filter((r) => r.status === 'te_verwerken').length }
}

/** The original klantcontact as `GET /api/klantcontacten/by-nummer/:nummer` answers it. */
export function originalOf(item: InboxItemView): KlantcontactView {
  return {
    uuid: item.klantcontact!.uuid,
    nummer: item.klantcontact!.nummer,
    referentienummer: null,
    kanaal: 'Telefoon',
    onderwerp: 'Dakkapel zonder vergunning',
    inhoud: 'Vraagt of de dakkapel vergunningvrij is.',
    reactie: null,
    taal: 'nld',
    vertrouwelijk: false,
    indicatieContactGelukt: true,
    plaatsgevondenOp: ago(86_400_000),
    betrokkenen: [{ uuid: 'b-1', rol: 'klant', initiator: true, volledigeNaam: 'Jan de Vries' }],
    actoren: [],
    afgeschermd: false,
  }
}

/** The gateway as the inbox uses it: every verb a spy; each answers what the real gateway would. */
export function fakeInboxApi(open: InboxItemView[] = []) {
  const state = { open: [...open], all: [...open] }
  const me = { login: AGENT.login, naam: AGENT.displayName }
  const find = (uuid: string): InboxItemView => {
    const item = state.open.find((i) => i.uuid === uuid)
    if (item === undefined) {
      throw new GatewayError('rejected', 404, { detail: 'Deze taak staat niet in je inbox.' }, '404')
    }
    return item
  }
  const replace = (next: InboxItemView): InboxItemView => {
    state.open = state.open.map((i) => (i.uuid === next.uuid ? next : i))
    return next
  }
  return {
    state,
    inbox: vi.fn((status: 'open' | 'verwerkt') =>
      Promise.resolve(viewOf(status === 'open' ? state.open : [])),
    ),
    claimInboxItem: vi.fn((uuid: string) => Promise.resolve(replace({ ...find(uuid), medewerker: me }))),
    inboxItemVerwerkt: vi.fn((uuid: string, _input: { resultaat: string; klantcontactUuid?: string }) => {
      const done = { ...find(uuid), status: 'verwerkt' as const, afgehandeldOp: ago(0), medewerker: me }
      state.open = state.open.filter((i) => i.uuid !== uuid)
      return Promise.resolve(done)
    }),
    doorzettenInboxItem: vi.fn((uuid: string, input: { afdeling: string; toelichting?: string }) => {
      const passed = {
        ...find(uuid),
        afdeling: { id: input.afdeling, naam: input.afdeling },
        medewerker: null,
      }
      state.open = state.open.filter((i) => i.uuid !== uuid)
      return Promise.resolve(passed)
    }),
    klantcontactByNummer: vi.fn((nummer: string) => {
      const item = state.all.find((i) => i.klantcontact?.nummer === nummer) ?? itemOf()
      return Promise.resolve(originalOf(item))
    }),
  } satisfies Partial<GatewayApi> & { state: unknown }
}

export type FakeInboxApi = ReturnType<typeof fakeInboxApi>
