import type { StoreState } from '../store/types'

/**
 * Which of the two things the case column can show came forward last: the agent's active draft
 * (klantcontact slice) or the klantcontact they look at (opened slice). Each bumps its `front` to
 * one above both when it opens or the agent brings it forward; the higher one takes the main place
 * (case/main-case.ts), the other goes to the list below it.
 */
export function nextFront(state: Pick<StoreState, 'klantcontact' | 'opened'>): number {
  return Math.max(state.klantcontact.front, state.opened.front) + 1
}
