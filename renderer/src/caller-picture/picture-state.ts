import type { KlantcontactSummaryView } from '../../../shared/gateway/klantbeeld'
import type { Afhandeling } from '../../../shared/klantcontact/afhandeling'
import type { RingingCaller } from '../ringing/slice'
import type { CallerPictureMessages } from './messages'

/**
 * What the caller's picture shows, from the ringing caller in the store: plain functions, so the
 * components only render.
 */

/** The picture's state as its root element says it (`data-klantbeeld`; the screen-pop bench waits for `complete`). */
export type PictureState = 'loading' | 'complete' | 'error'

export function pictureStateOf(caller: RingingCaller | undefined): PictureState {
  if (caller === undefined || caller.lookup === 'looking') {
    return 'loading'
  }
  return caller.lookup === 'failed' ? 'error' : 'complete'
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' })

/** "2 dec 2026 10:00", or nothing for a contact without a time. */
export function dateOf(iso: string | null): string {
  const time = Date.parse(iso ?? '')
  return Number.isNaN(time) ? '' : dateFormat.format(time)
}

/** The onderwerp, or "Vertrouwelijk" when the agent may not read it. */
export function onderwerpOf(k: KlantcontactSummaryView, t: CallerPictureMessages): string {
  if (k.afgeschermd) {
    return t.vertrouwelijk
  }
  return k.onderwerp?.trim() ? k.onderwerp : t.geenOnderwerp
}

/**
 * How the contact ended: the afhandeling when one was recorded, otherwise whether it came about
 * (`indicatieContactGelukt`), otherwise nothing.
 */
export function uitkomstOf(
  k: KlantcontactSummaryView,
  t: CallerPictureMessages,
  afhandelingen: Readonly<Record<Afhandeling, string>>,
): string {
  if (k.afhandeling !== null) {
    return afhandelingen[k.afhandeling]
  }
  if (k.indicatieContactGelukt === null) {
    return ''
  }
  return k.indicatieContactGelukt ? t.gelukt : t.nietGelukt
}

/** Who handled it: the medewerkers by name. */
export function medewerkersOf(k: KlantcontactSummaryView, t: CallerPictureMessages): string {
  return k.medewerkers.length > 0 ? k.medewerkers.join(', ') : t.onbekendMedewerker
}
