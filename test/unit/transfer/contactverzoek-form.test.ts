import { describe, expect, it } from 'vitest'
import { messagesOf } from '../../../renderer/src/i18n/locale'
import {
  initialContactverzoek,
  reduceContactverzoek,
  refusalOf,
  validateContactverzoek,
} from '../../../renderer/src/transfer/contactverzoek-form'
import { openedMessages } from '../../../renderer/src/incoming-transfer/messages'
import { contactverzoekOf, problem, unreachable, UUID } from '../incoming-transfer/fixtures'

const t = messagesOf(openedMessages).contactverzoek
const TARGET = { naam: 'Afdeling Vergunningen' }

describe('the contactverzoek form', () => {
  it('is prefilled from the klantcontact and the failed transfer', () => {
    const state = initialContactverzoek(
      { target: TARGET, onderwerp: 'Dakkapel', callerNumber: '0612345678' },
      t,
    )
    expect(state.gevraagdeHandeling).toBe('Klant terugbellen over: Dakkapel')
    expect(state.toelichting).toBe(
      'Doorverbinden met Afdeling Vergunningen is niet gelukt.\nOnderwerp: Dakkapel\nTelefoonnummer klant: 0612345678',
    )
    expect(state.status).toBe('editing')
  })

  it('stays within the OAS limits with the longest onderwerp, and names no onderwerp it may not see', () => {
    const long = initialContactverzoek({ target: TARGET, onderwerp: 'é'.repeat(200) }, t)
    expect([...long.gevraagdeHandeling]).toHaveLength(200)
    expect(long.gevraagdeHandeling.endsWith('…')).toBe(true)
    expect(validateContactverzoek(long, t)).toEqual({})

    const hidden = initialContactverzoek({ target: TARGET, onderwerp: null, callerNumber: '0612345678' }, t)
    expect(hidden.gevraagdeHandeling).toBe('Klant terugbellen')
    expect(hidden.toelichting).toBe(
      'Doorverbinden met Afdeling Vergunningen is niet gelukt.\nTelefoonnummer klant: 0612345678',
    )
  })

  it.each([
    ['a guest account’s name', 'burger'],
    ['an anonymous caller', 'anonymous'],
    ['no number at all', undefined],
    ['too few digits', '12'],
  ])('says the caller’s number is unknown for %s', (_name, callerNumber) => {
    const state = initialContactverzoek(
      { target: TARGET, onderwerp: 'Dakkapel', ...(callerNumber !== undefined ? { callerNumber } : {}) },
      t,
    )
    expect(state.toelichting.split('\n').at(-1)).toBe('Telefoonnummer klant: onbekend')
  })

  it('keeps a number as the caller typed it, with a plus and spaces', () => {
    const state = initialContactverzoek(
      { target: TARGET, onderwerp: 'Dakkapel', callerNumber: '+31 20 555 0100' },
      t,
    )
    expect(state.toelichting.split('\n').at(-1)).toBe('Telefoonnummer klant: +31 20 555 0100')
  })

  it('requires a gevraagde handeling and keeps both texts within their limits', () => {
    expect(validateContactverzoek({ gevraagdeHandeling: ' ', toelichting: '' }, t)).toEqual({
      gevraagdeHandeling: 'Vul in wat er moet gebeuren.',
    })
    expect(
      validateContactverzoek({ gevraagdeHandeling: 'x'.repeat(201), toelichting: 'y'.repeat(1001) }, t),
    ).toEqual({
      gevraagdeHandeling: 'Dit is 201 tekens lang; maximaal 200.',
      toelichting: 'Dit is 1001 tekens lang; maximaal 1000.',
    })
  })

  it('sends once, is read-only once made, and can be corrected after a refusal', () => {
    const start = initialContactverzoek({ target: TARGET, onderwerp: 'Dakkapel' }, t)
    const sending = reduceContactverzoek(start, { type: 'send' })
    expect(sending.status).toBe('sending')
    expect(reduceContactverzoek(sending, { type: 'send' })).toBe(sending)
    expect(reduceContactverzoek(sending, { type: 'edit', field: 'toelichting', value: 'x' })).toBe(sending)

    const view = contactverzoekOf({
      klantcontactUuid: UUID,
      gevraagdeHandeling: 'x',
      toegewezenAan: { type: 'afdeling', id: 'v' },
    })
    const created = reduceContactverzoek(sending, { type: 'created', view })
    expect(created).toMatchObject({ status: 'created', created: view })
    expect(reduceContactverzoek(created, { type: 'send' })).toBe(created)

    const refused = reduceContactverzoek(sending, refusalOf(unreachable()))
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'unreachable' } })
    const edited = reduceContactverzoek(refused, { type: 'edit', field: 'toelichting', value: 'Nieuw' })
    expect(edited).toMatchObject({ status: 'editing', toelichting: 'Nieuw' })
    expect(edited.error).toBeUndefined()
  })

  it("puts the gateway's field errors next to their fields and the rest in the message", () => {
    const refusal = refusalOf(
      problem(400, {
        invalidParams: [
          { name: 'gevraagdeHandeling', code: 'blank', reason: 'Dit veld mag niet leeg zijn.' },
          { name: 'toegewezenAan.id', code: 'does_not_exist', reason: 'Onbekende afdeling.' },
        ],
      }),
    )
    expect(refusal.fieldErrors).toEqual({ gevraagdeHandeling: 'Dit veld mag niet leeg zijn.' })
    expect(refusal.error).toEqual({ kind: 'rejected', detail: 'Onbekende afdeling.' })
  })
})
