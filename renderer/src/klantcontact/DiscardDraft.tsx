import { useState } from 'react'
import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { klantcontactMessages } from './messages'

/**
 * "Concept verwijderen" with an inline confirmation instead of `window.confirm` (which blocks the
 * renderer and, in Electron, the softphone's events with it). Only an unsaved draft the gateway has
 * not been sent can be discarded: once queued, the registration may already exist.
 */
export function DiscardDraft({ draftId }: { readonly draftId: string }) {
  const t = useMessages(klantcontactMessages).form
  const dismiss = useAppStore((state) => state.klantcontact.dismiss)
  const [asking, setAsking] = useState(false)
  if (!asking) {
    return (
      <button type="button" className="kc-secondary" onClick={() => setAsking(true)}>
        {t.verwijderen}
      </button>
    )
  }
  return (
    <div role="group" aria-label={t.verwijderen} className="kc-confirm">
      <p>{t.verwijderenVraag}</p>
      <button type="button" className="kc-danger" onClick={() => dismiss(draftId, { discardUnsaved: true })}>
        {t.verwijderenBevestig}
      </button>{' '}
      <button type="button" className="kc-secondary" autoFocus onClick={() => setAsking(false)}>
        {t.annuleren}
      </button>
    </div>
  )
}
