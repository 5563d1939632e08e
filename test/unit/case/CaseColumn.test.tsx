import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AgentView } from '../../../shared/gateway/api'
import { CaseColumn } from '../../../renderer/src/case/CaseColumn'
import { FOCUS_TARGETS } from '../../../renderer/src/lib/focus-targets'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import { NUMMER, fakeApi, viewOf } from '../incoming-transfer/fixtures'
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

const s = () => useAppStore.getState()

function setCall(call: Partial<CallSnapshot> | null): void {
  act(() => {
    s().workspace.setPhone({
      ...s().workspace.phone,
      call:
        call === null
          ? null
          : {
              id: 'call-1',
              sipCallId: 'sip-1',
              state: 'ringing',
              direction: 'inbound',
              remoteNumber: 'medewerker1',
              muted: false,
              held: false,
              ...call,
            },
    })
  })
}

function api() {
  return {
    ...fakeApi(),
    aanvullen: (_nummer: string, aanvulling: string) =>
      Promise.resolve(viewOf({ inhoud: `Vraag.\n\n${aanvulling}` })),
  }
}

const heading = () => document.getElementById(FOCUS_TARGETS.caseHeading)

beforeEach(resetStore)
afterEach(cleanup)

describe('CaseColumn', () => {
  it('keeps the klantcontact a colleague passed on in the main place after Opnemen and after the transfer completes', () => {
    renderWithServices(<CaseColumn agent={AGENT} />, api())
    act(() => {
      s().klantcontact.openManual(AGENT.login)
    })
    setCall({ klantcontactnummer: NUMMER })
    act(() => s().opened.show({ source: 'transfer', nummer: NUMMER, callId: 'call-1' }, viewOf()))
    const region = () => screen.getByRole('region', { name: `Klantcontact ${NUMMER}` })
    expect(region()).toBeDefined()
    expect(heading()?.textContent).toBe('Klantcontact van een collega')

    setCall({ klantcontactnummer: NUMMER, state: 'active', answeredAt: Date.now() })
    expect(region()).toBeDefined()
    // The customer's call replaces the consult call; the receiver moves the klantcontact to it.
    setCall({ id: 'call-2', sipCallId: 'sip-2', state: 'active', replacedSipCallId: 'sip-1' })
    act(() => s().opened.followCall(NUMMER, 'call-2'))
    expect(region()).toBeDefined()
    setCall({ id: 'call-2', sipCallId: 'sip-2', state: 'ended', replacedSipCallId: 'sip-1' })
    expect(region()).toBeDefined()
    expect(screen.queryByText('Er is geen klantcontact open.')).toBeNull()
    // The agent's own draft waits below, never in the main place.
    const others = screen.getByRole('navigation', { name: 'Andere open klantcontacten' })
    expect(others.textContent).toContain('Zonder onderwerp')
  })

  it('shows the draft with the focus target on Naam klant and the heading, and brings another case forward from the list', () => {
    renderWithServices(<CaseColumn agent={AGENT} />, api())
    expect(screen.getByText('Er is geen klantcontact open.')).toBeDefined()
    expect(heading()?.tabIndex).toBe(-1)
    act(() => {
      s().klantcontact.openManual(AGENT.login)
    })
    expect(document.getElementById(FOCUS_TARGETS.caseFirstField)).toBe(screen.getByLabelText('Naam klant'))
    expect(screen.getByRole('form', { name: 'Nieuw klantcontact' })).toBeDefined()

    act(() => s().opened.show({ source: 'manual', nummer: NUMMER }, viewOf()))
    expect(screen.getByRole('region', { name: `Klantcontact ${NUMMER}` })).toBeDefined()
    fireEvent.click(screen.getByRole('button', { name: /Zonder onderwerp/ }))
    expect(screen.getByLabelText('Naam klant')).toBeDefined()
    fireEvent.click(screen.getByRole('button', { name: `Klantcontact ${NUMMER}` }))
    expect(screen.getByRole('region', { name: `Klantcontact ${NUMMER}` })).toBeDefined()
  })

  it('keeps a saved klantcontact in full and adds an aanvulling to its inhoud', async () => {
    renderWithServices(<CaseColumn agent={AGENT} />, api())
    let id = ''
    act(() => {
      id = s().klantcontact.openForCall({
        agentLogin: AGENT.login,
        callId: 'call-1',
        at: Date.now() - 60_000,
      })
      s().klantcontact.update(id, { naamKlant: 'P. Jansen', onderwerp: 'Dakkapel', inhoud: 'Vraag.' })
      s().klantcontact.requestSave(id)
      s().klantcontact.markSending(id)
      s().klantcontact.markSaved(id, viewOf({ inhoud: 'Vraag.' }))
    })
    setCall({ state: 'ended' })
    expect(heading()?.textContent).toBe(`Klantcontact ${NUMMER}`)
    for (const text of ['Dakkapel', 'Vraag.', 'P. Jansen', 'Telefoon']) {
      expect(screen.getByText(text)).toBeDefined()
    }
    fireEvent.change(screen.getByLabelText('Aanvulling'), { target: { value: 'Tekening volgt.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Aanvulling opslaan' }))
    await waitFor(() => expect(screen.getByText('Aanvulling opgeslagen')).toBeDefined())
    expect(s().klantcontact.drafts[id]?.inhoud).toBe('Vraag.\n\nTekening volgt.')
    expect((screen.getByLabelText('Aanvulling') as HTMLTextAreaElement).value).toBe('')
  })

  it('refuses an empty aanvulling without sending it', async () => {
    const gateway = { ...api(), aanvullen: () => Promise.reject(new Error('must not be sent')) }
    renderWithServices(<CaseColumn agent={AGENT} />, gateway)
    act(() => {
      const id = s().klantcontact.openManual(AGENT.login)
      s().klantcontact.update(id, { onderwerp: 'Dakkapel' })
      s().klantcontact.requestSave(id)
      s().klantcontact.markSending(id)
      s().klantcontact.markSaved(id, viewOf())
    })
    fireEvent.click(screen.getByRole('button', { name: 'Aanvulling opslaan' }))
    await waitFor(() => expect(screen.getByText('Vul een aanvulling in.')).toBeDefined())
  })
})
