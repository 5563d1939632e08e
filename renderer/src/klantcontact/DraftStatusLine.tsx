import { useMessages } from '../i18n/use-messages'
import { missingCaseError } from '../lib/missing-case'
import type { KlantcontactDraft } from './draft'
import { klantcontactMessages, type KlantcontactMessages } from './messages'

/**
 * Where the registration is, for the agent: a polite live region that is always there (so a change
 * is announced, WAI-ARIA 1.2 `status`), and an alert when the draft was not saved: refused with
 * field errors (marked at the fields), or refused or given up on without any (the reason only).
 */
export function DraftStatusLine({ draft }: { readonly draft: KlantcontactDraft }) {
  const t = useMessages(klantcontactMessages).status
  return (
    <>
      <p role="status" className={draft.status === 'waiting' ? 'kc-status kc-status-waiting' : 'kc-status'}>
        {progressText(draft, t)}
      </p>
      {draft.status === 'rejected' ? (
        <div role="alert" className="kc-alert">
          <p>{Object.keys(draft.fieldErrors).length > 0 ? t.rejected : t.notSaved}</p>
          {draft.lastError !== undefined ? <p>{draft.lastError}</p> : null}
        </div>
      ) : null}
    </>
  )
}

function progressText(draft: KlantcontactDraft, t: KlantcontactMessages['status']): string {
  switch (draft.status) {
    case 'queued':
    case 'sending':
      return t.sending
    case 'waiting':
      return t.waiting
    case 'editing':
    case 'rejected':
    case 'saved':
      return ''
    default:
      throw missingCaseError(draft.status)
  }
}
