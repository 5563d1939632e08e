import { describe, expect, it } from 'vitest'
import {
  AANVULLING_MAX,
  aanvullingRoom,
  endsWithAanvulling,
  withAanvulling,
} from '../../../../shared/klantcontact/aanvulling'

describe('aanvulling', () => {
  it('goes under what inhoud holds after a blank line, without a label', () => {
    expect(withAanvulling('Vraag.', 'Erbij.')).toBe('Vraag.\n\nErbij.')
  })

  it('is the whole inhoud when inhoud was empty, null or absent', () => {
    for (const empty of ['', null, undefined]) {
      expect(withAanvulling(empty, 'Erbij.')).toBe('Erbij.')
    }
  })

  it('is recognised when inhoud already ends with it, and not when it only ends with its last words', () => {
    expect(endsWithAanvulling('Vraag.\n\nErbij.', 'Erbij.')).toBe(true)
    expect(endsWithAanvulling('Erbij.', 'Erbij.')).toBe(true)
    expect(endsWithAanvulling('Vraag. Erbij.', 'Erbij.')).toBe(false)
  })

  it('counts the room left in inhoud in code points, the blank line included', () => {
    expect(aanvullingRoom('V'.repeat(990), 'A'.repeat(8))).toEqual({ max: AANVULLING_MAX, remaining: 0 })
    expect(aanvullingRoom('V'.repeat(990), '😀'.repeat(9)).remaining).toBe(-1)
    expect(AANVULLING_MAX).toBe(1000)
  })
})
