import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import type { KlantcontactDraft } from './draft'
import { klantcontactMessages } from './messages'

export interface SuggestionOfferProps {
  readonly id: string
  readonly draft: KlantcontactDraft
  readonly editable: boolean
  readonly onAccept: () => void
}

/**
 * "Bekende klant bij dit nummer: …" with a button to take the name over (docs/agent-app.md). Only
 * an offer: the caller may be someone else on a known line, so the agent decides. The region is
 * always there (role=status), so a suggestion that arrives while the agent types is announced.
 */
export function SuggestionOffer({ id, draft, editable, onAccept }: SuggestionOfferProps) {
  const t = useMessages(klantcontactMessages).suggestion
  const { suggestion } = draft
  const offered = suggestion !== undefined && draft.partijUuid === undefined && editable
  return (
    <div role="status" className="kc-suggestion">
      {offered ? (
        <>
          <span id={`${id}-tekst`}>{format(t.offer, { naam: suggestion.naam })}</span>{' '}
          <button type="button" onClick={onAccept} aria-describedby={`${id}-tekst`}>
            {t.accept}
          </button>
        </>
      ) : draft.partijUuid !== undefined ? (
        <span>{t.linked}</span>
      ) : null}
    </div>
  )
}
