import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import axe from 'axe-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgentView, KlantcontactView } from '../../../shared/gateway/api'
import type { Afhandeling } from '../../../shared/klantcontact/afhandeling'
import { AfhandelingControl } from '../../../renderer/src/case/AfhandelingControl'
import type { MainCase } from '../../../renderer/src/case/main-case'
import { runShortcut, type ShortcutContext } from '../../../renderer/src/keyboard/shortcut-actions'
import type { KlantcontactDraft } from '../../../renderer/src/klantcontact/draft'
import { useAppStore } from '../../../renderer/src/store'
import { NUMMER, UUID, fakeApi, problem, unreachable, viewOf } from '../incoming-transfer/fixtures'
import { renderWithServices, resetStore } from '../incoming-transfer/render-with-services'

const AGENT: AgentView = {
  login: 'medewerker2',
  displayName: 'Medewerker 2',
  email: 'medewerker2@kcc.test',
  role: 'agent',
  afdeling: { id: 'vergunningen', naam: 'Afdeling Vergunningen' },
  answerField: 'inhoud',
  monitorNotice: false,
}

function draft(changes: Partial<KlantcontactDraft> = {}): KlantcontactDraft {
  return {
    id: 'd-1',
    agentLogin: AGENT.login,
    createdAt: '2026-03-02T09:15:00.000Z',
    callId: 'call-1',
    kanaal: 'Telefoon',
    plaatsgevondenOp: '2026-03-02T09:15:00.000Z',
    plaatsgevondenOpEdited: false,
    taal: 'nld',
    vertrouwelijk: false,
    indicatieContactGelukt: true,
    naamKlant: '',
    onderwerp: 'Dakkapel',
    inhoud: '',
    status: 'saved',
    nummer: NUMMER,
    uuid: UUID,
    fieldErrors: {},
    ...changes,
  }
}

const saved = (changes: Partial<KlantcontactDraft> = {}): MainCase => ({
  kind: 'draft',
  draft: draft(changes),
})

function api(answer?: (nummer: string, afhandeling: Afhandeling) => Promise<KlantcontactView>) {
  return {
    ...fakeApi(),
    recordAfhandeling: vi.fn(
      answer ?? ((_nummer: string, afhandeling: Afhandeling) => Promise.resolve(viewOf({ afhandeling }))),
    ),
  }
}

const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement
const vastleggen = () => screen.getByRole('button', { name: 'Afhandeling vastleggen' })

beforeEach(resetStore)
afterEach(cleanup)

describe('AfhandelingControl', () => {
  it('shows nothing before the klantcontact is saved, nor while a call rings', () => {
    renderWithServices(
      <AfhandelingControl main={saved({ status: 'editing', nummer: undefined })} agent={AGENT} />,
      api(),
    )
    expect(screen.queryByRole('group', { name: 'Afhandeling' })).toBeNull()
    cleanup()
    renderWithServices(<AfhandelingControl main={{ kind: 'none' }} agent={AGENT} />, api())
    expect(screen.queryByRole('group', { name: 'Afhandeling' })).toBeNull()
  })

  it('offers the five afhandelingen with zelf beantwoord preselected, and records nothing unasked', () => {
    const gateway = api()
    renderWithServices(<AfhandelingControl main={saved()} agent={AGENT} />, gateway)
    expect(screen.getAllByRole('radio').map((r) => r.closest('label')?.textContent?.trim())).toEqual([
      'Zelf beantwoord',
      'Doorverbonden',
      'Contactverzoek gemaakt',
      'Terugbelverzoek',
      'Geen contact',
    ])
    expect(radio('Zelf beantwoord').checked).toBe(true)
    expect(screen.getByRole('status').textContent).toBe('Nog niet vastgelegd.')
    expect(gateway.recordAfhandeling).not.toHaveBeenCalled()
  })

  it('preselects geen contact when the klantcontact says no contact came about', () => {
    renderWithServices(
      <AfhandelingControl main={saved({ indicatieContactGelukt: false })} agent={AGENT} />,
      api(),
    )
    expect(radio('Geen contact').checked).toBe(true)
  })

  it('preselects doorverbonden once a transfer of this klantcontact is handed over', () => {
    renderWithServices(<AfhandelingControl main={saved()} agent={AGENT} />, api())
    act(() => {
      useAppStore.getState().transfer.begin({
        callId: 'call-1',
        kind: 'blind',
        target: { type: 'agent', id: 'medewerker1' } as never,
        saving: false,
      })
      useAppStore.setState((s) => ({
        transfer: {
          ...s.transfer,
          intent: {
            ...s.transfer.intent!,
            phase: 'handed',
            klantcontact: { uuid: UUID, nummer: NUMMER, onderwerp: null },
          },
        },
      }))
    })
    expect(radio('Doorverbonden').checked).toBe(true)
  })

  it('preselects contactverzoek gemaakt after a contactverzoek was made for this klantcontact', () => {
    act(() => useAppStore.getState().afhandeling.suggest(UUID, 'contactverzoek'))
    renderWithServices(<AfhandelingControl main={saved()} agent={AGENT} />, api())
    expect(radio('Contactverzoek gemaakt').checked).toBe(true)
  })

  it('records the chosen afhandeling by the klantcontact nummer and says what was recorded', async () => {
    const gateway = api()
    renderWithServices(<AfhandelingControl main={saved()} agent={AGENT} />, gateway)
    fireEvent.click(radio('Terugbelverzoek'))
    fireEvent.click(vastleggen())
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Vastgelegd: Terugbelverzoek.'))
    expect(gateway.recordAfhandeling).toHaveBeenCalledWith(NUMMER, 'terugbelverzoek')
    expect(useAppStore.getState().afhandeling.byUuid[UUID]?.recorded).toBe('terugbelverzoek')
  })

  it('keeps the choice and says why in Dutch when recording fails, and records it on the next try', async () => {
    let fail = true
    const gateway = api((_nummer, afhandeling) =>
      fail ? Promise.reject(unreachable()) : Promise.resolve(viewOf({ afhandeling })),
    )
    renderWithServices(<AfhandelingControl main={saved()} agent={AGENT} />, gateway)
    fireEvent.click(radio('Geen contact'))
    fireEvent.click(vastleggen())
    expect((await screen.findByRole('alert')).textContent).toBe(
      'De server is niet bereikbaar. Uw keuze blijft staan; probeer het zo opnieuw.',
    )
    expect(radio('Geen contact').checked).toBe(true)
    expect(screen.getByRole('status').textContent).toBe('Nog niet vastgelegd.')
    fail = false
    fireEvent.click(vastleggen())
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Vastgelegd: Geen contact.'))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it("shows the gateway's own reason when it refuses", async () => {
    const reason =
      'Alleen een medewerker die bij dit klantcontact betrokken is, kan de afhandeling vastleggen.'
    renderWithServices(
      <AfhandelingControl main={saved()} agent={AGENT} />,
      api(() => Promise.reject(problem(403, { detail: reason }))),
    )
    fireEvent.click(vastleggen())
    expect((await screen.findByRole('alert')).textContent).toBe(reason)
  })

  it('shows what the gateway recorded for a klantcontact a colleague passed on', () => {
    act(() =>
      useAppStore.setState((s) => ({
        opened: {
          ...s.opened,
          status: 'ready',
          source: 'transfer',
          nummer: NUMMER,
          view: viewOf({ afhandeling: 'doorverbonden' }),
        },
      })),
    )
    renderWithServices(<AfhandelingControl main={{ kind: 'opened' }} agent={AGENT} />, api())
    expect(radio('Doorverbonden').checked).toBe(true)
    expect(screen.getByRole('status').textContent).toBe('Vastgelegd: Doorverbonden.')
  })

  it('offers nothing for a klantcontact opened by its nummer that the agent is not on', () => {
    act(() =>
      useAppStore.setState((s) => ({
        opened: {
          ...s.opened,
          status: 'ready',
          source: 'manual',
          nummer: NUMMER,
          view: viewOf({ actoren: [] }),
        },
      })),
    )
    renderWithServices(<AfhandelingControl main={{ kind: 'opened' }} agent={AGENT} />, api())
    expect(screen.queryByRole('group', { name: 'Afhandeling' })).toBeNull()
  })

  it('lets Alt+G focus the chosen afhandeling, from where the arrow keys choose', () => {
    renderWithServices(<AfhandelingControl main={saved()} agent={AGENT} />, api())
    const store = useAppStore.getState()
    expect(
      runShortcut('afhandeling', {
        state: store,
        softphone: {} as ShortcutContext['softphone'],
        transfers: { cancel: () => Promise.resolve() },
        agentLogin: AGENT.login,
        choose: () => undefined,
        save: () => false,
        toggleHelp: () => undefined,
        focused: null,
      }),
    ).toBe(true)
    expect(document.activeElement).toBe(radio('Zelf beantwoord'))
    expect(radio('Zelf beantwoord').getAttribute('aria-keyshortcuts')).toBe('Alt+G')
  })

  it('is keyboard reachable and has no axe-core violations (WCAG 2.1 AA)', async () => {
    const { container } = renderWithServices(<AfhandelingControl main={saved()} agent={AGENT} />, api())
    radio('Zelf beantwoord').focus()
    expect(document.activeElement).toBe(radio('Zelf beantwoord'))
    const result = await axe.run(container, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    expect(result.violations.map((v) => v.id)).toEqual([])
  })
})
