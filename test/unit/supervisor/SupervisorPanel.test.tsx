import { act, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { gatewayClock } from '../../../renderer/src/live/gateway-clock'
import { violations } from '../transfer/render-panel'
import { ago, NOW } from './fixtures'
import { call, renderPanel, rowOf, setLive, status, transfer, usePanelTestSetup } from './panel-support'

const VERTROUWELIJK = 'Onderwerp afgeschermd (vertrouwelijk)'

usePanelTestSetup()

describe('SupervisorPanel, the team overview', () => {
  it.each([
    ['not asked for yet', { status: 'idle' }],
    ['loading', { status: 'loading' }],
    ['failed', { status: 'failed', error: 'stuk' }],
  ] as const)('shows nothing while the directory is %s', (_name, loaded) => {
    const { container } = renderPanel({}, loaded)
    expect(container.innerHTML).toBe('')
  })

  it('shows the queues, then a table per afdeling, named after it, in the directory’s order', () => {
    renderPanel()
    expect(screen.getAllByRole('table').map((table) => table.getAttribute('aria-label'))).toEqual([
      'Wachtrij',
      'Vergunningen',
      'KCC',
      'Vandaag per afdeling',
    ])
    const kcc = screen.getByRole('table', { name: 'KCC' })
    expect(
      within(kcc)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Anna de Wit', 'Bram Jansen', 'Chloë Özdemir', 'Daan Smit'])
    expect(
      within(screen.getByRole('table', { name: 'Vergunningen' })).getByRole('rowheader').textContent,
    ).toBe('Eva Mulder')
  })

  it('shows each agent’s state in Dutch and for how long', () => {
    renderPanel({
      agents: [
        status('m-anna', 'beschikbaar', 12_000),
        status('m-bram', 'pauze', 125_000),
        status('m-chloe', 'in_gesprek', 90_000),
        status('m-daan', 'consulting', 3_723_000),
      ],
    })
    expect(rowOf('Anna de Wit').slice(0, 2)).toEqual(['Beschikbaar', '0:12'])
    expect(rowOf('Bram Jansen').slice(0, 2)).toEqual(['Pauze', '2:05'])
    expect(rowOf('Chloë Özdemir').slice(0, 2)).toEqual(['In gesprek', '1:30'])
    expect(rowOf('Daan Smit').slice(0, 2)).toEqual(['In overleg', '1:02:03'])
  })

  it('shows an agent the hub has not seen as Afgemeld, without a duration or call', () => {
    renderPanel()
    expect(rowOf('Eva Mulder')).toEqual(['Afgemeld', '', '–'])
  })

  it('shows a call with direction, duration, masked number, klantcontactnummer and onderwerp', () => {
    renderPanel({
      agents: [status('m-chloe', 'in_gesprek', 90_000)],
      calls: [call({ klantcontactnummer: '26000042', onderwerp: 'Afvalpas kwijt' })],
    })
    expect(rowOf('Chloë Özdemir')[2]).toBe(
      'Inkomend · 1:30 · 06••••••78 · Klantcontact 26000042 · Afvalpas kwijt',
    )
    expect(screen.queryByText(/0612345678/)).toBeNull()
  })

  it('shows a call without klantcontact yet by its direction, duration and number only', () => {
    renderPanel({
      calls: [
        call({
          direction: 'outbound',
          callerNumber: '0201234567',
          startedAt: ago(12_000),
          answeredAt: ago(5_000),
        }),
      ],
    })
    expect(rowOf('Chloë Özdemir')[2]).toBe('Uitgaand · 0:05 · 02••••••67')
  })

  it('says so when the klantcontact has no onderwerp', () => {
    renderPanel({ calls: [call({ klantcontactnummer: '26000042' })] })
    expect(rowOf('Chloë Özdemir')[2]).toContain('Klantcontact 26000042 · Nog geen onderwerp')
  })

  it('hides the onderwerp of a vertrouwelijk klantcontact everywhere on screen', () => {
    const { container } = renderPanel({
      calls: [
        call({ klantcontactnummer: '26000042', vertrouwelijk: true, onderwerp: 'Schuldhulpverlening' }),
      ],
    })
    expect(rowOf('Chloë Özdemir')[2]).toContain(`Klantcontact 26000042 · ${VERTROUWELIJK}`)
    expect(container.textContent).not.toContain('Schuldhulpverlening')
    expect(container.innerHTML).not.toContain('Schuldhulpverlening')
  })

  it('shows an onderwerp that reads "hidden" as it is: only vertrouwelijk hides one', () => {
    const { container } = renderPanel({
      calls: [call({ klantcontactnummer: '26000042', vertrouwelijk: false, onderwerp: 'hidden' })],
    })
    expect(rowOf('Chloë Özdemir')[2]).toBe('Inkomend · 1:30 · 06••••••78 · Klantcontact 26000042 · hidden')
    expect(container.textContent).not.toContain(VERTROUWELIJK)
  })

  it('counts a call from its answer, as the agent’s own call timer does, not from when it rang', () => {
    renderPanel({ calls: [call({ startedAt: ago(19_000), answeredAt: ago(2_000) })] })
    expect(rowOf('Chloë Özdemir')[2]).toBe('Inkomend · 0:02 · 06••••••78')
  })

  it('says a call that is not answered yet rings, and for how long', () => {
    const { answeredAt: _notYet, ...ringing } = call({ startedAt: ago(5_000) })
    renderPanel({ agents: [status('m-chloe', 'ringing', 5_000)], calls: [ringing] })
    expect(rowOf('Chloë Özdemir')).toEqual(['Gaat over', '0:05', 'Inkomend · gaat over 0:05 · 06••••••78'])
  })

  it('counts on the gateway’s clock, whatever this workstation’s clock says', () => {
    // The gateway's clock is 17 s behind ours: its times are 17 s "old" by our clock already.
    gatewayClock.sample({ sentAt: NOW, serverTime: NOW - 17_000, receivedAt: NOW })
    renderPanel({
      agents: [
        { ...status('m-chloe', 'in_gesprek', 0), since: new Date(NOW - 17_000 - 2_000).toISOString() },
      ],
      calls: [call({ answeredAt: new Date(NOW - 17_000 - 2_000).toISOString() })],
    })
    expect(rowOf('Chloë Özdemir')).toEqual(['In gesprek', '0:02', 'Inkomend · 0:02 · 06••••••78'])
  })

  it('says there are no transfers in flight when there are none', () => {
    renderPanel()
    expect(screen.getByRole('heading', { name: 'Lopende overdrachten' })).toBeDefined()
    expect(screen.getByText('Geen lopende overdrachten.')).toBeDefined()
    expect(screen.queryByRole('list', { name: 'Lopende overdrachten' })).toBeNull()
  })

  it('lists the transfers in flight, oldest first, with names', () => {
    renderPanel({
      transfers: [
        transfer({
          transferId: 't2',
          from: 'm-anna',
          to: { kind: 'agent', login: 'm-eva' },
          offeredAt: ago(5_000),
        }),
        transfer(),
      ],
    })
    const list = screen.getByRole('list', { name: 'Lopende overdrachten' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Chloë Özdemir → Vergunningen: klantcontact 26000002, 1:05',
      'Anna de Wit → Eva Mulder: klantcontact 26000002, 0:05',
    ])
    expect(screen.queryByText('Geen lopende overdrachten.')).toBeNull()
  })

  it.each(['connecting', 'closed', 'unauthenticated'] as const)(
    'warns that the overview is not up to date while the connection is %s',
    (connection) => {
      renderPanel({ connection })
      expect(screen.getByRole('alert').textContent).toBe(
        'Het teamoverzicht is niet actueel: de verbinding is verbroken. We proberen het opnieuw.',
      )
    },
  )

  it('gives no warning while the connection is open, and takes it away once it is open again', () => {
    renderPanel({ connection: 'connecting' })
    expect(screen.getByRole('alert')).toBeDefined()
    setLive({ connection: 'open' })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('follows the live view as it changes', () => {
    renderPanel({ agents: [status('m-anna', 'beschikbaar', 12_000)] })
    setLive({
      agents: [status('m-anna', 'in_gesprek', 0)],
      calls: [call({ agent: 'm-anna', startedAt: ago(0), answeredAt: ago(0) })],
    })
    expect(rowOf('Anna de Wit')).toEqual(['In gesprek', '0:00', 'Inkomend · 0:00 · 06••••••78'])
  })

  it('says so when no one is in the team', () => {
    renderPanel({}, { status: 'ready', value: { afdelingen: [], medewerkers: [] } })
    expect(screen.getByText('Geen medewerkers.')).toBeDefined()
    expect(screen.queryByRole('table')).toBeNull()
  })

  it('lets the durations tick every second without anything new from the hub', () => {
    vi.useFakeTimers()
    vi.setSystemTime(NOW)
    renderPanel({
      agents: [status('m-chloe', 'in_gesprek', 90_000)],
      calls: [call()],
      transfers: [transfer()],
    })
    expect(rowOf('Chloë Özdemir')).toEqual(['In gesprek', '1:30', 'Inkomend · 1:30 · 06••••••78'])
    act(() => vi.advanceTimersByTime(1_000))
    expect(rowOf('Chloë Özdemir').slice(0, 2)).toEqual(['In gesprek', '1:31'])
    act(() => vi.advanceTimersByTime(29_000))
    expect(rowOf('Chloë Özdemir')).toEqual(['In gesprek', '2:00', 'Inkomend · 2:00 · 06••••••78'])
    expect(screen.getByRole('listitem').textContent).toBe(
      'Chloë Özdemir → Vergunningen: klantcontact 26000002, 1:35',
    )
  })
})

describe('SupervisorPanel and axe-core (WCAG 2.1 AA)', () => {
  it('has no violations with an empty team', async () => {
    const { container } = renderPanel({}, { status: 'ready', value: { afdelingen: [], medewerkers: [] } })
    expect(await violations(container)).toEqual([])
  })

  it('has no violations with agents, calls (one vertrouwelijk), transfers and the connection warning', async () => {
    const { container } = renderPanel({
      connection: 'connecting',
      agents: [status('m-anna', 'in_gesprek', 10_000), status('m-chloe', 'consulting', 90_000)],
      calls: [
        call({ agent: 'm-anna', callId: 'a', klantcontactnummer: '26000041', onderwerp: 'Afvalpas kwijt' }),
        call({ callId: 'b', klantcontactnummer: '26000042', vertrouwelijk: true }),
      ],
      transfers: [transfer()],
    })
    expect(screen.getByRole('alert')).toBeDefined()
    expect(await violations(container)).toEqual([])
  })
})
