import { Button } from '@nl-design-system-candidate/button-react'
import { useId, useState, type FormEvent } from 'react'
import { aanvullingRoom } from '../../../shared/klantcontact/aanvulling'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useSaveShortcut } from '../keyboard/save-registry'
import { missingCaseError } from '../lib/missing-case'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { saveAanvulling, type AanvullingOutcome } from './aanvullen'
import type { KlantcontactDraft } from './draft'
import { describedBy } from './fields'
import { klantcontactMessages, type KlantcontactMessages } from './messages'

type Progress = 'editing' | 'saving' | 'saved'

/**
 * "Aanvullen" under a saved klantcontact: a textarea labelled "Aanvulling" with a counter of what
 * still fits in inhoud, and "Aanvulling opslaan" (or Ctrl+S while the focus is in it). Progress is a polite live
 * region that is always there, a refusal an alert; the text stays until it is saved.
 */
export function AanvullenForm({ draft }: { readonly draft: KlantcontactDraft }) {
  const t = useMessages(klantcontactMessages).aanvullen
  const base = useId()
  const { api } = useServices()
  const [text, setText] = useState('')
  const [progress, setProgress] = useState<Progress>('editing')
  const [failure, setFailure] = useState<AanvullingOutcome | undefined>()
  const room = aanvullingRoom(draft.inhoud, text)
  const over = -room.remaining
  const saving = progress === 'saving'
  const ids = { field: `${base}-aanvulling`, counter: `${base}-teller`, hint: `${base}-hint` }

  const save = (): void => {
    if (saving) {
      return
    }
    setProgress('saving')
    setFailure(undefined)
    void saveAanvulling({ store: useAppStore, api }, draft.id, text).then((outcome) => {
      if (outcome.kind === 'saved') {
        setText('')
        setProgress('saved')
      } else {
        setFailure(outcome)
        setProgress('editing')
      }
    })
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    save()
  }
  const formRef = useSaveShortcut(save)

  return (
    <form
      className="kc-form kc-aanvullen"
      aria-labelledby={`${base}-kop`}
      noValidate
      onSubmit={onSubmit}
      ref={formRef}
    >
      <h4 id={`${base}-kop`} className="kc-subheading">
        {t.heading}
      </h4>
      <div className="kc-field utrecht-form-field">
        <label htmlFor={ids.field} className="utrecht-form-label">
          {t.label}
        </label>
        <textarea
          id={ids.field}
          className="utrecht-textarea utrecht-textarea--html-textarea"
          rows={3}
          value={text}
          readOnly={saving}
          aria-invalid={over > 0 || failure !== undefined ? true : undefined}
          aria-describedby={describedBy(ids.counter, ids.hint)}
          onChange={(event) => {
            setText(event.target.value)
            if (progress === 'saved') {
              setProgress('editing')
            }
          }}
        />
        <p id={ids.counter} className={over > 0 ? 'kc-counter kc-counter-over' : 'kc-counter'}>
          {over > 0 ? format(t.teVeel, { over }) : format(t.nogRuimte, { count: room.remaining })}
        </p>
        <p id={ids.hint} className="kc-hint">
          {t.hint}
        </p>
      </div>
      <div className="kc-actions">
        {/* aria-disabled, not disabled: the button keeps focus while the aanvulling is on its way. */}
        <Button type="submit" purpose="secondary" aria-disabled={saving ? true : undefined}>
          {t.opslaan}
        </Button>
        <span role="status" className="kc-copy-status">
          {saving ? t.saving : progress === 'saved' ? t.saved : ''}
        </span>
      </div>
      {failure !== undefined ? (
        <div role="alert" className="kc-alert utrecht-alert utrecht-alert--error">
          <p>{t.nietOpgeslagen}</p>
          <p>{failureText(failure, t)}</p>
        </div>
      ) : null}
    </form>
  )
}

function failureText(outcome: AanvullingOutcome, t: KlantcontactMessages['aanvullen']): string {
  switch (outcome.kind) {
    case 'empty':
      return t.leeg
    case 'too_long':
      return t.teLang
    case 'no_nummer':
      return t.geenNummer
    case 'refused':
      return outcome.detail ?? t.mislukt
    case 'unreachable':
      return t.onbereikbaar
    case 'failed':
    case 'saved':
      return t.mislukt
    default:
      throw missingCaseError(outcome)
  }
}
