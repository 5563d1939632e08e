import type { PartijMatchView } from '../../../shared/gateway/api'
import { CallerPicture } from '../caller-picture/CallerPicture'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import type { KlantcontactDraft } from './draft'
import { klantcontactMessages } from './messages'

export interface SuggestionOfferProps {
  readonly id: string
  readonly draft: KlantcontactDraft
  readonly editable: boolean
  readonly onAccept: () => void
}

/**
 * "Bekende klant bij dit nummer: …" with a button to take the name over and link the partij as
 * the betrokkene (docs/agent-app.md). Only an offer: the caller may be someone else on a known
 * line, so the agent decides, with one click per partij. The region is always there
 * (role=status), so a suggestion that arrives while the agent types is announced.
 *
 * Below it, for a call, the caller's picture looked up at ring (caller-picture/): their earlier
 * contacts and open contactverzoeken; the partijen are named in the offer above it.
 */
export function SuggestionOffer({ id, draft, editable, onAccept }: SuggestionOfferProps) {
  const t = useMessages(klantcontactMessages).suggestion
  const caller = useAppStore((s) =>
    draft.callId === undefined ? undefined : s.ringing.callers[draft.callId],
  )
  const setSuggestion = useAppStore((s) => s.klantcontact.setSuggestion)
  const acceptSuggestion = useAppStore((s) => s.klantcontact.acceptSuggestion)
  const { suggestion } = draft
  // Every partij of the picture is offered; without a picture (a reload), the draft's own suggestion.
  const offers: readonly PartijMatchView[] =
    caller?.picture !== undefined && caller.picture.partijen.length > 0
      ? caller.picture.partijen
      : suggestion !== undefined
        ? [suggestion]
        : []
  const offered = offers.length > 0 && draft.partijUuid === undefined && editable
  const accept = (partij: PartijMatchView) => {
    if (partij.uuid === suggestion?.uuid) {
      onAccept()
    } else {
      setSuggestion(draft.id, partij)
      acceptSuggestion(draft.id)
    }
  }

  return (
    <>
      <div role="status" className="kc-suggestion">
        {offered ? (
          offers.map((partij, i) => {
            const textId = i === 0 ? `${id}-tekst` : `${id}-tekst-${i}`
            return (
              <div key={partij.uuid}>
                <span id={textId}>{format(t.offer, { naam: partij.naam })}</span>{' '}
                <button type="button" onClick={() => accept(partij)} aria-describedby={textId}>
                  {t.accept}
                </button>
              </div>
            )
          })
        ) : draft.partijUuid !== undefined ? (
          <span>{t.linked}</span>
        ) : null}
      </div>
      {caller !== undefined &&
      (caller.lookup !== 'unknown' || (caller.picture?.klantcontacten.length ?? 0) > 0) ? (
        <CallerPicture caller={caller} level={3} showPartijen={false} />
      ) : null}
    </>
  )
}
