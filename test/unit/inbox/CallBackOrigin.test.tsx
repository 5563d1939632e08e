import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GatewayError } from '../../../renderer/src/api/errors'
import { CallBackOrigin } from '../../../renderer/src/inbox/CallBackOrigin'
import { callBack } from '../../../renderer/src/inbox/call-back'
import { useAppStore } from '../../../renderer/src/store'
import { resetStore, violations } from '../transfer/render-panel'
import { AGENT, fakeInboxApi, itemOf, NOW, type FakeInboxApi } from './fixtures'
import { fakeSoftphone, loggedIn, renderWith } from './render-inbox'

beforeEach(() => {
  resetStore()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  loggedIn()
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

/** The case column's place above the case, for the draft in front. */
function Above({ id }: { readonly id: string }) {
  const draft = useAppStore((s) => s.klantcontact.drafts[id])
  return draft === undefined ? null : <CallBackOrigin main={{ kind: 'draft', draft }} />
}

/** Terugbellen as the inbox does it, then the case's place above the call-back's klantcontact. */
async function calledBack(api: FakeInboxApi = fakeInboxApi([itemOf()])) {
  const item = api.state.open[0]!
  const softphone = fakeSoftphone()
  const id = await callBack({ api, softphone, store: useAppStore, agent: AGENT }, item)
  const view = renderWith(<Above id={id} />, api, softphone)
  return { ...view, id, item }
}

/** The agent saves the call-back's klantcontact; the gateway confirms it. */
function saved(id: string, uuid = '3e9b1c7d-2a4f-4e8b-9d6c-5a1f0e2b7c93'): void {
  act(() => {
    const actions = useAppStore.getState().klantcontact
    actions.update(id, { onderwerp: 'Teruggebeld over de dakkapel' })
    actions.requestSave(id, NOW)
    actions.markSending(id)
    actions.markSaved(id, {
      uuid,
      nummer: '26000099',
      referentienummer: null,
      kanaal: 'Telefoon',
      onderwerp: 'Teruggebeld over de dakkapel',
      inhoud: '',
      reactie: null,
      taal: 'nld',
      vertrouwelijk: false,
      indicatieContactGelukt: true,
      plaatsgevondenOp: new Date(NOW).toISOString(),
      betrokkenen: [],
      actoren: [],
      afgeschermd: false,
    })
  })
}

const origin = () => screen.getByRole('region', { name: 'Terugbellen voor contactverzoek' })

describe('CallBackOrigin, above a call-back’s klantcontact', () => {
  it('is not there for a klantcontact that is no call-back', () => {
    const id = useAppStore.getState().klantcontact.openManual(AGENT.login, NOW)
    renderWith(<Above id={id} />, fakeInboxApi())
    expect(screen.queryByTestId('callback-origin')).toBeNull()
  })

  it('shows the contactverzoek and the original klantcontact, read by its nummer', async () => {
    const { api, item } = await calledBack()
    expect(within(origin()).getByText('Terugbellen')).toBeTruthy()
    expect(within(origin()).getByText(item.toelichting)).toBeTruthy()
    await within(origin()).findByRole('heading', { name: `Eerder klantcontact ${item.klantcontact!.nummer}` })
    expect(api.klantcontactByNummer).toHaveBeenCalledWith(item.klantcontact!.nummer)
    expect(origin().textContent).toContain('Jan de Vries')
    expect(origin().textContent).toContain('Dakkapel zonder vergunning')
    expect(origin().textContent).toContain('Vraagt of de dakkapel vergunningvrij is.')
    expect(origin().textContent).toContain('Sla eerst dit klantcontact op')
    expect(within(origin()).queryByRole('form')).toBeNull()
  })

  it('hides the content of an original the agent may not read', async () => {
    const api = fakeInboxApi([itemOf()])
    api.klantcontactByNummer.mockImplementationOnce(async (nummer: string) => ({
      ...(await fakeInboxApi([]).klantcontactByNummer(nummer)),
      onderwerp: null,
      inhoud: null,
      afgeschermd: true,
      vertrouwelijk: true,
    }))
    await calledBack(api)
    await within(origin()).findByText('Onderwerp afgeschermd (vertrouwelijk)')
    expect(within(origin()).queryByText('Inhoud')).toBeNull()
  })

  it('says when the original cannot be read', async () => {
    const api = fakeInboxApi([itemOf()])
    api.klantcontactByNummer.mockRejectedValueOnce(new GatewayError('failed', 502, undefined, '502'))
    await calledBack(api)
    expect((await within(origin()).findByRole('alert')).textContent).toBe(
      'Het eerdere klantcontact kon niet worden geladen.',
    )
  })

  it('once the call-back is saved, marks the contactverzoek verwerkt with the call-back’s klantcontact', async () => {
    const { api, id, item } = await calledBack()
    saved(id)
    const form = within(origin()).getByRole('form', { name: 'Contactverzoek verwerkt melden' })
    const resultaat = within(form).getByLabelText('Resultaat')
    expect((resultaat as HTMLTextAreaElement).value).toBe('Klant teruggebeld.')
    // Beside the saved case, the form does not take the focus from it.
    expect(document.activeElement).not.toBe(resultaat)

    fireEvent.change(resultaat, { target: { value: 'Teruggebeld: geen vergunning nodig.' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Verwerkt melden' }))
    await within(origin()).findByText('Het contactverzoek is verwerkt.')
    expect(api.inboxItemVerwerkt).toHaveBeenCalledWith(item.uuid, {
      resultaat: 'Teruggebeld: geen vergunning nodig.',
      klantcontactUuid: '3e9b1c7d-2a4f-4e8b-9d6c-5a1f0e2b7c93',
    })
    expect(useAppStore.getState().inbox.known[item.uuid]?.status).toBe('verwerkt')
  })

  it('shows the gateway’s reason when it refuses, and keeps the result typed', async () => {
    const api = fakeInboxApi([itemOf()])
    api.inboxItemVerwerkt.mockRejectedValueOnce(
      new GatewayError(
        'rejected',
        400,
        {
          invalidParams: [
            { name: 'resultaat', code: 'max_length', reason: 'Dit past niet meer in de toelichting.' },
          ],
        },
        '400',
      ),
    )
    const { id } = await calledBack(api)
    saved(id)
    fireEvent.click(within(origin()).getByRole('button', { name: 'Verwerkt melden' }))
    expect((await within(origin()).findByRole('alert')).textContent).toBe(
      'Dit past niet meer in de toelichting.',
    )
    expect((within(origin()).getByLabelText('Resultaat') as HTMLTextAreaElement).value).toBe(
      'Klant teruggebeld.',
    )
  })

  it('has no accessibility violations', async () => {
    const { container, id } = await calledBack()
    await waitFor(() => expect(origin().textContent).toContain('Jan de Vries'))
    saved(id)
    expect(await violations(container)).toEqual([])
  })
})
