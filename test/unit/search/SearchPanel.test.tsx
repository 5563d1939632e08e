import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type {
  KlantcontactSearchQuery,
  KlantcontactSearchResultView,
  KlantcontactSearchView,
} from '../../../shared/gateway/search'
import { GatewayError } from '../../../renderer/src/api/errors'
import { OpenedKlantcontact } from '../../../renderer/src/incoming-transfer/OpenedKlantcontact'
import { SearchPanel } from '../../../renderer/src/search/SearchPanel'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import { useAppStore } from '../../../renderer/src/store'
import { viewOf } from '../incoming-transfer/fixtures'
import { resetStore, violations } from '../transfer/render-panel'

function resultOf(
  nummer: string,
  changes: Partial<KlantcontactSearchResultView> = {},
): KlantcontactSearchResultView {
  return {
    uuid: `uuid-${nummer}`,
    nummer,
    kanaal: 'Telefoon',
    onderwerp: `Onderwerp ${nummer}`,
    plaatsgevondenOp: '2026-03-02T09:30:00Z',
    medewerkers: ['Medewerker Een'],
    indicatieContactGelukt: true,
    vertrouwelijk: false,
    afgeschermd: false,
    afhandeling: null,
    bewerkbaar: true,
    ...changes,
  }
}

const pageOf = (results: KlantcontactSearchResultView[], page = 1, next = false): KlantcontactSearchView => ({
  results,
  page,
  next,
})

function renderPanel(search: (query: KlantcontactSearchQuery) => Promise<KlantcontactSearchView>) {
  const api = {
    searchKlantcontacten: vi.fn(search),
    klantcontactByNummer: vi.fn((nummer: string) => Promise.resolve(viewOf({ nummer }))),
    resolveTransfer: vi.fn(),
  }
  const refresh = vi.fn()
  const services = { api } as unknown as Services
  const view = render(
    <ServicesContext.Provider value={services}>
      <SearchPanel onRefreshRecent={refresh} />
      <OpenedKlantcontact />
    </ServicesContext.Provider>,
  )
  return { ...view, api, refresh }
}

const setRecent = (view: KlantcontactSearchView): void =>
  act(() => useAppStore.getState().workspace.setRecent({ status: 'ready', value: view }))

const type = (label: string, value: string): void => {
  fireEvent.change(screen.getByLabelText(label), { target: { value } })
}

beforeEach(() => resetStore())
afterEach(() => cleanup())

describe('the search panel', () => {
  it('shows Mijn recente by default, from the store the runtime keeps fresh, and is axe clean', async () => {
    const { api, container } = renderPanel(() => Promise.reject(new Error('not asked')))
    setRecent(pageOf([resultOf('26000002'), resultOf('26000001', { afgeschermd: true, onderwerp: null })]))
    const results = screen.getByRole('region', { name: 'Recente klantcontacten' })
    expect(within(results).getAllByRole('button', { name: /^Klantcontact \d+ openen$/ })).toHaveLength(2)
    expect(results.textContent).toContain('Onderwerp 26000002')
    expect(results.textContent).toContain('Vertrouwelijk')
    expect(screen.getByRole('button', { name: 'Mijn recente' }).getAttribute('aria-pressed')).toBe('true')
    expect(api.searchKlantcontacten).not.toHaveBeenCalled()
    expect(await violations(container)).toEqual([])
  })

  it('searches with the fields filled in and shows the results in their own heading', async () => {
    const { api } = renderPanel(() => Promise.resolve(pageOf([resultOf('26000007')])))
    type('Onderwerp bevat', 'paspoort')
    type('Van', '01-03-2026')
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }))
    const results = await screen.findByRole('region', { name: 'Zoekresultaten' })
    await waitFor(() =>
      expect(within(results).getByRole('button', { name: 'Klantcontact 26000007 openen' })).toBeTruthy(),
    )
    expect(api.searchKlantcontacten).toHaveBeenCalledWith({
      onderwerp: 'paspoort',
      van: '2026-03-01',
      page: 1,
    })
    expect(screen.getByRole('button', { name: 'Mijn recente' }).getAttribute('aria-pressed')).toBe('false')
    expect(document.activeElement?.textContent).toBe('Zoekresultaten')
  })

  it('says what is wrong at the field and asks nothing of the gateway', () => {
    const { api } = renderPanel(() => Promise.resolve(pageOf([])))
    type('Van', '31-02-2026')
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }))
    const van = screen.getByLabelText('Van')
    expect(van.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(van)
    expect(screen.getByText('Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 02-03-2026.')).toBeTruthy()
    type('Van', '')
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }))
    expect(screen.getByRole('alert').textContent).toMatch(/Een periode alleen is niet genoeg/)
    expect(api.searchKlantcontacten).not.toHaveBeenCalled()
  })

  it('pages through the results with Volgende and Vorige', async () => {
    const { api } = renderPanel((query) =>
      Promise.resolve(
        query.page === 1 ? pageOf([resultOf('26000009')], 1, true) : pageOf([resultOf('26000003')], 2, false),
      ),
    )
    type('Achternaam of organisatie', 'Bakker')
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Volgende' }))
    await screen.findByRole('button', { name: 'Klantcontact 26000003 openen' })
    expect(api.searchKlantcontacten).toHaveBeenLastCalledWith({ naam: 'Bakker', page: 2 })
    expect(screen.queryByRole('button', { name: 'Volgende' })).toBeNull()
    expect(screen.getByRole('navigation', { name: 'Pagina’s' }).textContent).toContain('Pagina 2')
    fireEvent.click(screen.getByRole('button', { name: 'Vorige' }))
    await screen.findByRole('button', { name: 'Klantcontact 26000009 openen' })
  })

  it('opens a result as the case, read-only unless the agent may change it', async () => {
    const { api } = renderPanel(() => Promise.reject(new Error('not asked')))
    setRecent(pageOf([resultOf('26000005', { bewerkbaar: false }), resultOf('26000004')]))
    expect(
      screen.getByRole('button', { name: 'Klantcontact 26000005 openen' }).closest('tr')?.textContent,
    ).toContain('Alleen lezen')
    fireEvent.click(screen.getByRole('button', { name: 'Klantcontact 26000005 openen' }))
    await waitFor(() => expect(useAppStore.getState().opened.status).toBe('ready'))
    expect(api.klantcontactByNummer).toHaveBeenCalledWith('26000005')
    expect(useAppStore.getState().opened).toMatchObject({
      source: 'manual',
      nummer: '26000005',
      readOnly: true,
    })
    fireEvent.click(screen.getByRole('button', { name: 'Klantcontact 26000004 openen' }))
    await waitFor(() => expect(useAppStore.getState().opened.nummer).toBe('26000004'))
    expect(useAppStore.getState().opened.readOnly).toBeUndefined()
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Klantcontact 26000004' })).getByRole('textbox', {
          name: 'Antwoord',
        }),
      ).toBeTruthy(),
    )
  })

  it('goes back to Mijn recente, fetched again, and refreshes what it shows', async () => {
    const { api, refresh } = renderPanel(() => Promise.resolve(pageOf([resultOf('26000008')])))
    type('Klantcontactnummer', '26 000 008')
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }))
    await screen.findByRole('button', { name: 'Klantcontact 26000008 openen' })
    fireEvent.click(screen.getByRole('button', { name: 'Vernieuwen' }))
    await waitFor(() => expect(api.searchKlantcontacten).toHaveBeenCalledTimes(2))
    expect(api.searchKlantcontacten).toHaveBeenLastCalledWith({ nummer: '26000008', page: 1 })
    fireEvent.click(screen.getByRole('button', { name: 'Mijn recente' }))
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('region', { name: 'Recente klantcontacten' })).toBeTruthy()
  })

  it('says so when the search fails, without the query in the log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    renderPanel(() => Promise.reject(new GatewayError('failed', 503, undefined, 'GET /zoeken?naam=Bakker')))
    type('Achternaam of organisatie', 'Bakker')
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'De klantcontacten konden niet worden opgehaald. Probeer het opnieuw.',
    )
    expect(JSON.stringify(warn.mock.calls)).not.toContain('Bakker')
    warn.mockRestore()
  })
})
