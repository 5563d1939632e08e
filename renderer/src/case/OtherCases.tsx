import { Button } from '@nl-design-system-candidate/button-react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import type { KlantcontactDraft } from '../klantcontact/draft'
import { useAppStore } from '../store'
import { caseMessages } from './messages'

const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' })

/**
 * The agent's other open klantcontacten, compact, below the case: drafts not yet saved (a second
 * call while the first one's registration waits) and the klantcontact they looked at, when it is
 * not the one in the main place. Choosing one brings it to the main place.
 */
export function OtherCases(props: {
  readonly drafts: readonly KlantcontactDraft[]
  readonly openedListed: boolean
}) {
  const t = useMessages(caseMessages)
  const activate = useAppStore((s) => s.klantcontact.activate)
  const bringToFront = useAppStore((s) => s.opened.bringToFront)
  const openedNummer = useAppStore((s) => s.opened.view?.nummer ?? s.opened.nummer)
  if (props.drafts.length === 0 && !props.openedListed) {
    return null
  }
  return (
    <nav aria-label={t.anderen} className="case-others">
      <p className="case-others-title">{t.anderen}</p>
      <ul>
        {props.drafts.map((draft) => (
          <li key={draft.id}>
            <Button type="button" purpose="subtle" onClick={() => activate(draft.id)}>
              {format(t.conceptLabel, {
                onderwerp: draft.onderwerp.trim() || t.zonderOnderwerp,
                tijd: timeOf(draft.plaatsgevondenOp),
              })}
            </Button>
          </li>
        ))}
        {props.openedListed ? (
          <li>
            <Button type="button" purpose="subtle" onClick={bringToFront}>
              {openedNummer !== undefined && openedNummer !== null
                ? format(t.geopend, { nummer: openedNummer })
                : t.geopendZonderNummer}
            </Button>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}

function timeOf(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date)
}
