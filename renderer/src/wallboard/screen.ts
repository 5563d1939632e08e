/**
 * Which screen this page shows: the agent's workspace, or the wallboard for a wall screen
 * (`#/wallboard`, or `?view=wallboard` for a kiosk browser that drops the fragment). Chosen once,
 * when the page loads: the wallboard runs no softphone, so switching means loading the page again.
 */
export type Screen = 'workspace' | 'wallboard'

export function screenOf(location: Pick<Location, 'hash' | 'search'>): Screen {
  if (location.hash === '#/wallboard') {
    return 'wallboard'
  }
  return new URLSearchParams(location.search).get('view') === 'wallboard' ? 'wallboard' : 'workspace'
}
