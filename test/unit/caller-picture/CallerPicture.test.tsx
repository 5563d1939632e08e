import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { CallerPicture } from '../../../renderer/src/caller-picture/CallerPicture'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import type { RingingCaller } from '../../../renderer/src/ringing/slice'
import { resetStore, violations } from '../transfer/render-panel'
import { JAN, picture } from './fixtures'

const known: RingingCaller = { callId: 'call-1', lookup: 'known', partij: JAN, picture: picture() }

const view = (changes: Partial<KlantcontactView> = {}): KlantcontactView => ({
  uuid: 'k-1',
  nummer: '26000001',
  referentienummer: null,
  kanaal: 'Telefoon',
  onderwerp: 'Dakkapel vergunning',
  inhoud: 'Vraagt naar de termijn.',
  reactie: null,
  taal: 'nld',
  vertrouwelijk: false,
  indicatieContactGelukt: true,
  plaatsgevondenOp: '2026-12-01T10:00:00Z',
  betrokkenen: [{ uuid: 'b-1', rol: 'klant', initiator: true, volledigeNaam: 'Jan de Vries' }],
  actoren: [{ uuid: 'a-1', naam: 'Anna Jansen', soortActor: 'medewerker', login: null }],
  afgeschermd: false,
  ...changes,
})

function renderPicture(caller: RingingCaller | undefined, answer: () => Promise<KlantcontactView>) {
  const api = { klantcontactByNummer: vi.fn((_nummer: string) => answer()) }
  const services = { api } as unknown as Services
  const result = render(
    <ServicesContext.Provider value={services}>
      <button type="button">Elders</button>
      <CallerPicture caller={caller} level={3} />
    </ServicesContext.Provider>,
  )
  return { api, ...result }
}

beforeEach(resetStore)
afterEach(cleanup)

describe('CallerPicture, the caller’s picture at ring', () => {
  it('says it is loading, then complete, on its root for the bench and tests', () => {
    const { container, rerender } = renderPicture({ callId: 'call-1', lookup: 'looking' }, () =>
      Promise.resolve(view()),
    )
    expect(container.querySelector('[data-klantbeeld]')?.getAttribute('data-klantbeeld')).toBe('loading')
    expect(screen.getByText('Klantbeeld wordt opgehaald…')).toBeTruthy()
    rerender(<CallerPicture caller={{ callId: 'call-1', lookup: 'failed' }} level={3} />)
    expect(container.querySelector('[data-klantbeeld]')?.getAttribute('data-klantbeeld')).toBe('error')
    expect(screen.getByText('Het klantbeeld kon niet worden opgehaald.')).toBeTruthy()
  })

  it('shows the name, earlier contacts with date, kanaal, who and outcome, and the open contactverzoek', async () => {
    const { container } = renderPicture(known, () => Promise.resolve(view()))
    expect(container.querySelector('[data-klantbeeld]')?.getAttribute('data-klantbeeld')).toBe('complete')
    expect(screen.getByTestId('caller-picture-partijen').textContent).toBe(
      'Bekend bij dit nummer: Jan de Vries',
    )
    const contacten = within(screen.getByTestId('caller-picture-contacten')).getAllByRole('listitem')
    expect(contacten).toHaveLength(2)
    expect(contacten[0]?.textContent).toContain('Dakkapel vergunning')
    expect(contacten[0]?.textContent).toMatch(/1 dec 2026.*Telefoon · Anna Jansen · Contact gelukt/)
    // The vertrouwelijk one says so, and nothing of what it is about.
    expect(contacten[1]?.textContent).toContain('Vertrouwelijk')
    const verzoek = within(screen.getByTestId('caller-picture-verzoeken')).getByRole('listitem')
    expect(verzoek.textContent).toContain('Terugbellen over de vergunning')
    expect(verzoek.textContent).toContain('Bij Vergunningen')
    expect(verzoek.textContent).toContain('Klantcontact 26000001')
    expect(await violations(container)).toEqual([])
  })

  it('says so when the number brought nothing up', () => {
    renderPicture(
      {
        callId: 'call-1',
        lookup: 'unknown',
        picture: { partijen: [], klantcontacten: [], contactverzoeken: [] },
      },
      () => Promise.resolve(view()),
    )
    expect(screen.getByText('Geen bekende klant bij dit nummer.')).toBeTruthy()
    expect(screen.getByText('Geen eerdere contacten bij dit nummer.')).toBeTruthy()
    expect(screen.getByText('Geen open contactverzoeken.')).toBeTruthy()
  })

  it('opens an earlier contact read-only in a dialog, and Escape closes it with focus back on Openen', async () => {
    const { api } = renderPicture(known, () => Promise.resolve(view()))
    const openen = screen.getByRole('button', { name: 'Klantcontact 26000001 openen' })
    openen.focus()
    fireEvent.click(openen)
    const dialog = await screen.findByRole('dialog', { name: 'Klantcontact 26000001' })
    expect(api.klantcontactByNummer).toHaveBeenCalledWith('26000001')
    await within(dialog).findByText('Vraagt naar de termijn.')
    expect(within(dialog).getByText('Jan de Vries')).toBeTruthy()
    expect(within(dialog).queryByRole('textbox')).toBeNull()
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(openen)
  })

  it('shows a vertrouwelijk contact in the dialog as Vertrouwelijk, without its content', async () => {
    renderPicture(known, () =>
      Promise.resolve(
        view({ nummer: '26000002', onderwerp: null, inhoud: null, afgeschermd: true, vertrouwelijk: true }),
      ),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Klantcontact 26000002 openen' }))
    const dialog = await screen.findByRole('dialog')
    await within(dialog).findByTestId('klantcontact-dialog-vertrouwelijk')
    expect(within(dialog).queryByText('Onderwerp')).toBeNull()
    expect(within(dialog).queryByText('Jan de Vries')).toBeNull()
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Sluiten' }))
    })
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
