import { describe, expect, it } from 'vitest'
import { KLANTCONTACT_LIMITS } from '../../../../shared/api/klantinteracties-limits'
import {
  ANSWER_LIMITS,
  answerRoom,
  endsWithAnswer,
  withAnswer,
  type AnswerField,
} from '../../../../shared/klantcontact/answer'
import { codePoints } from '../../../../shared/text/code-points'

describe('withAnswer', () => {
  it('appends "Antwoord: " and the answer to inhoud after a blank line, keeping the question', () => {
    expect(withAnswer('Mag een dakkapel?', 'Ja, tot 4 m.', 'inhoud')).toBe(
      'Mag een dakkapel?\n\nAntwoord: Ja, tot 4 m.',
    )
  })

  it('appends the answer alone to reactie after a blank line', () => {
    expect(withAnswer('Eerder antwoord.', 'Nog een.', 'reactie')).toBe('Eerder antwoord.\n\nNog een.')
  })

  it('writes the answer without a blank line before it into an empty, null or absent field', () => {
    for (const empty of ['', null, undefined]) {
      expect(withAnswer(empty, 'Ja', 'inhoud')).toBe('Antwoord: Ja')
      expect(withAnswer(empty, 'Ja', 'reactie')).toBe('Ja')
    }
  })
})

describe('endsWithAnswer', () => {
  it('recognises a field that already ends with this answer, so a retry does not append it twice', () => {
    for (const field of ['inhoud', 'reactie'] as const) {
      for (const current of ['', 'Vraag', null]) {
        expect(endsWithAnswer(withAnswer(current, 'Ja', field), 'Ja', field)).toBe(true)
      }
    }
  })

  it('does not take another answer, or the answer without its prefix in inhoud, for this one', () => {
    expect(endsWithAnswer('Vraag\n\nAntwoord: Ja', 'Nee', 'inhoud')).toBe(false)
    expect(endsWithAnswer('Vraag\n\nJa', 'Ja', 'inhoud')).toBe(false)
    expect(endsWithAnswer(null, 'Ja', 'reactie')).toBe(false)
  })
})

describe('answerRoom', () => {
  it('has the OAS limit of each field as its maximum', () => {
    expect(ANSWER_LIMITS).toEqual({
      inhoud: KLANTCONTACT_LIMITS.inhoud,
      reactie: KLANTCONTACT_LIMITS.reactie,
    })
    expect(answerRoom('', '', 'inhoud').max).toBe(1000)
    expect(answerRoom('', '', 'reactie').max).toBe(4000)
  })

  it('counts the blank line and "Antwoord: " in inhoud, and only the blank line in reactie', () => {
    expect(answerRoom('', '', 'inhoud').remaining).toBe(1000 - 10)
    expect(answerRoom('Vraag', 'Ja', 'inhoud').remaining).toBe(1000 - 5 - 2 - 10 - 2)
    expect(answerRoom('Eerder', 'Ja', 'reactie').remaining).toBe(4000 - 6 - 2 - 2)
    expect(answerRoom(null, 'Ja', 'reactie').remaining).toBe(4000 - 2)
  })

  it.each<[AnswerField, number]>([
    ['inhoud', 2 + 'Antwoord: '.length],
    ['reactie', 2],
  ])('lets an answer fill %s exactly to its limit, and not one character more', (field, added) => {
    const max = ANSWER_LIMITS[field]
    const current = 'x'.repeat(max - added - 5)
    expect(answerRoom(current, 'abcde', field).remaining).toBe(0)
    expect(codePoints(withAnswer(current, 'abcde', field))).toBe(max)
    expect(answerRoom(current, 'abcdef', field).remaining).toBe(-1)
  })

  it('lets an answer alone fill an empty reactie to its limit', () => {
    expect(answerRoom('', 'a'.repeat(4000), 'reactie').remaining).toBe(0)
    expect(answerRoom('', 'a'.repeat(4001), 'reactie').remaining).toBe(-1)
  })

  it('counts an emoji in the question or the answer as one character', () => {
    const current = '🏠'.repeat(1000 - 12 - 3)
    expect(answerRoom(current, '😀😀😀', 'inhoud').remaining).toBe(0)
    expect(answerRoom(current, '😀😀😀😀', 'inhoud').remaining).toBe(-1)
  })
})
