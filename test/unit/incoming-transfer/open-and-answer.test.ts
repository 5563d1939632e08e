import { describe, expect, it } from 'vitest'
import { saveAnswer } from '../../../renderer/src/incoming-transfer/answer'
import { openKlantcontact } from '../../../renderer/src/incoming-transfer/open'
import { NUMMER, UUID, fakeApi, problem, recordingLogger, storeOver, unreachable, viewOf } from './fixtures'

const logger = recordingLogger()

function withOpen(api = fakeApi()) {
  const { store } = storeOver()
  store
    .getState()
    .opened.show({ source: 'transfer', nummer: NUMMER, callId: 'call-1' }, viewOf({ inhoud: 'Vraag' }))
  return { store, api, opened: () => store.getState().opened }
}

describe('openKlantcontact', () => {
  it('opens a typed nummer with the plain read, and a transfer through its record', async () => {
    const { store } = storeOver()
    const api = fakeApi()
    await openKlantcontact({ store, api, logger }, { source: 'manual', nummer: NUMMER })
    expect(api.klantcontactByNummer).toHaveBeenCalledWith(NUMMER)
    expect(store.getState().opened).toMatchObject({ status: 'ready', source: 'manual', view: { uuid: UUID } })

    await openKlantcontact({ store, api, logger }, { source: 'transfer', nummer: NUMMER })
    expect(api.resolveTransfer).toHaveBeenCalledWith(NUMMER)
  })

  it('says there is no klantcontact with an unknown nummer', async () => {
    const { store } = storeOver()
    const api = fakeApi({ byNummer: problem(404, { detail: 'Er is geen klantcontact met dit nummer.' }) })
    await openKlantcontact({ store, api, logger }, { source: 'manual', nummer: '1' })
    expect(store.getState().opened).toMatchObject({
      status: 'failed',
      nummer: '1',
      error: { kind: 'not_found' },
    })
  })
})

describe('saveAnswer', () => {
  it('sends the answer and shows the updated klantcontact', async () => {
    const updated = viewOf({ inhoud: 'Vraag\n\nAntwoord: Ja' })
    const { store, api, opened } = withOpen(fakeApi({ answer: updated }))
    opened().editAnswer('Ja')
    await saveAnswer({ store, api, answerField: 'inhoud', logger })
    expect(api.answer).toHaveBeenCalledExactlyOnceWith(UUID, 'Ja')
    expect(opened()).toMatchObject({ view: updated, answer: { status: 'saved', text: '' } })
  })

  it('sends no empty answer and none that cannot fit', async () => {
    const { store, api, opened } = withOpen()
    opened().editAnswer('  \n ')
    await saveAnswer({ store, api, answerField: 'inhoud', logger })
    expect(opened().answer).toMatchObject({ status: 'failed', error: { kind: 'empty' } })
    opened().editAnswer('x'.repeat(1000))
    await saveAnswer({ store, api, answerField: 'inhoud', logger })
    expect(opened().answer).toMatchObject({ status: 'failed', error: { kind: 'too_long' } })
    // In reactie the same text fits.
    await saveAnswer({ store, api, answerField: 'reactie', logger })
    expect(api.answer).toHaveBeenCalledOnce()
  })

  it("keeps the text and the gateway's Dutch reason when the answer is refused", async () => {
    const reason = 'Het antwoord past niet in de inhoud van het klantcontact: 4 tekens te veel.'
    const { store, api, opened } = withOpen(
      fakeApi({
        answer: problem(400, { invalidParams: [{ name: 'antwoord', code: 'max_length', reason }] }),
      }),
    )
    opened().editAnswer('Ja')
    await saveAnswer({ store, api, answerField: 'inhoud', logger })
    expect(opened().answer).toEqual({
      status: 'failed',
      text: 'Ja',
      error: { kind: 'rejected', detail: reason },
    })
  })

  it('says a vertrouwelijk klantcontact may not be answered (403), and that the gateway was away', async () => {
    const detail = 'Dit klantcontact is vertrouwelijk; alleen betrokken medewerkers kunnen het beantwoorden.'
    const forbidden = withOpen(fakeApi({ answer: problem(403, { detail }) }))
    forbidden.opened().editAnswer('Ja')
    await saveAnswer({ ...forbidden, answerField: 'inhoud', logger })
    expect(forbidden.opened().answer.error).toEqual({ kind: 'forbidden', detail })

    const away = withOpen(fakeApi({ answer: unreachable() }))
    away.opened().editAnswer('Ja')
    await saveAnswer({ ...away, answerField: 'inhoud', logger })
    expect(away.opened().answer).toMatchObject({
      status: 'failed',
      text: 'Ja',
      error: { kind: 'unreachable' },
    })
  })

  it('does not send twice while the first is on its way', async () => {
    const { store, api, opened } = withOpen()
    opened().editAnswer('Ja')
    const first = saveAnswer({ store, api, answerField: 'inhoud', logger })
    await saveAnswer({ store, api, answerField: 'inhoud', logger })
    await first
    expect(api.answer).toHaveBeenCalledOnce()
  })
})
