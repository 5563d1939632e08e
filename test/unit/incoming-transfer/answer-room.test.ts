import { describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { answerRoom, type AnswerField } from '../../../renderer/src/incoming-transfer/answer-room'
import { createRootLogger } from '../../../server/lib/logger'
import { AnswerService } from '../../../server/gateway/register-client/answer'
import { UUID, viewOf } from './fixtures'

/**
 * The counter must agree with the gateway to the character: the real AnswerService (its append, its
 * separator, its limits, its code point count) over a register stand-in that only records the PATCH.
 */
function gateway(field: AnswerField, view: KlantcontactView) {
  const record = { uuid: UUID, inhoud: view.inhoud, reactie: view.reactie }
  const service = new AnswerService({
    client: { patch: async () => ({}), post: async () => ({}) },
    reader: { byUuid: async () => record },
    access: { canSeeContent: async () => true, mayAddTo: async () => true },
    actors: { medewerker: async () => 'actor-uuid' },
    views: { build: () => view },
    field,
    log: createRootLogger({ level: 'silent' }),
  } as unknown as ConstructorParameters<typeof AnswerService>[0])
  return (antwoord: string) =>
    service.answer({ login: 'medewerker2' } as Parameters<AnswerService['answer']>[0], UUID, antwoord).then(
      () => true,
      () => false,
    )
}

const cases: Array<[string, AnswerField, KlantcontactView]> = [
  ['inhoud with a question', 'inhoud', viewOf({ inhoud: 'Mag een dakkapel zonder vergunning? 🏠' })],
  ['an empty inhoud', 'inhoud', viewOf({ inhoud: '' })],
  ['an inhoud of 990', 'inhoud', viewOf({ inhoud: 'x'.repeat(990) })],
  ['reactie with an earlier answer', 'reactie', viewOf({ reactie: 'Eerder antwoord.' })],
  ['an empty reactie', 'reactie', viewOf({ reactie: '' })],
]

describe('answerRoom', () => {
  it.each(cases)('agrees with the gateway on what fits, for %s', async (_name, field, view) => {
    const accepts = gateway(field, view)
    const { remaining } = answerRoom(view, '', field)
    for (const length of [remaining - 1, remaining, remaining + 1].filter((n) => n > 0)) {
      // Emoji are one character to the gateway and the register, two UTF-16 units to JavaScript.
      const text = '😀'.repeat(length)
      expect(answerRoom(view, text, field).remaining >= 0, `${length} characters`).toBe(await accepts(text))
    }
  })

  it('counts the separator and "Antwoord: " in inhoud, and only the separator in reactie', () => {
    expect(answerRoom(viewOf({ inhoud: '' }), '', 'inhoud')).toEqual({ max: 1000, remaining: 990 })
    expect(answerRoom(viewOf({ inhoud: 'Vraag' }), 'Ja', 'inhoud')).toEqual({ max: 1000, remaining: 981 })
    expect(answerRoom(viewOf({ reactie: 'Eerder' }), 'Ja', 'reactie')).toEqual({ max: 4000, remaining: 3990 })
  })

  it('goes below zero by as much as the answer is too long', () => {
    expect(answerRoom(viewOf({ inhoud: 'x'.repeat(995) }), 'abc', 'inhoud').remaining).toBe(-10)
  })
})
