import { useId, type FormEvent, type KeyboardEvent } from 'react'
import { useSaveShortcut } from '../keyboard/save-registry'
import { isSaveShortcut } from '../lib/save-shortcut'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { describedBy } from '../klantcontact/fields'
import { useServices } from '../services/context'
import { missingCaseError } from '../lib/missing-case'
import { useAppStore } from '../store'
import { saveAnswer } from './answer'
import { answerRoom, type AnswerField } from './answer-room'
import { errorText } from './error-text'
import { openedMessages, type OpenedMessages } from './messages'
import type { AnswerState } from './state'

export interface AnswerFormProps {
  readonly view: KlantcontactView
  readonly answerField: AnswerField
}

/**
 * The colleague's answer: a textarea labelled "Antwoord" with a counter of what still
 * fits (the gateway appends the answer to what is there, answer-room.ts), "Antwoord opslaan" (or
 * Ctrl+S / Cmd+S in the form). The counter and hint are tied to the field with aria-describedby;
 * progress is a polite live region that is always there, a refusal an alert.
 */
export function AnswerForm({ view, answerField }: AnswerFormProps) {
  const t = useMessages(openedMessages)
  const base = useId()
  const answer = useAppStore((s) => s.opened.answer)
  const editAnswer = useAppStore((s) => s.opened.editAnswer)
  const { api } = useServices()
  const room = answerRoom(view, answer.text, answerField)
  const over = -room.remaining
  const saving = answer.status === 'saving'
  const ids = { field: `${base}-antwoord`, counter: `${base}-teller`, hint: `${base}-hint` }

  const save = (): void => {
    void saveAnswer({ store: useAppStore, api, answerField })
  }
  // Ctrl+S saves this form from anywhere in the app (keyboard/use-shortcuts.ts).
  const formRef = useSaveShortcut(save)
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    save()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (isSaveShortcut(event)) {
      event.preventDefault()
      save()
    }
  }

  return (
    <form
      ref={formRef}
      className="kc-form"
      aria-labelledby={`${base}-kop`}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
    >
      <h4 id={`${base}-kop`}>{t.answer.heading}</h4>
      <div className="kc-field">
        <label htmlFor={ids.field}>{t.answer.label}</label>
        <textarea
          id={ids.field}
          rows={5}
          value={answer.text}
          readOnly={saving}
          required
          aria-invalid={over > 0 || answer.status === 'failed' ? true : undefined}
          aria-describedby={describedBy(ids.counter, ids.hint)}
          onChange={(event) => editAnswer(event.target.value)}
        />
        <p id={ids.counter} className={over > 0 ? 'kc-counter kc-counter-over' : 'kc-counter'}>
          {over > 0
            ? format(t.answer.teVeel, { over })
            : format(t.answer.nogRuimte, { count: room.remaining })}
        </p>
        <p id={ids.hint} className="kc-hint">
          {answerField === 'inhoud' ? t.answer.hintInhoud : t.answer.hintReactie}
        </p>
      </div>
      <div className="kc-actions">
        {/* aria-disabled, not disabled: the button keeps focus while the answer is on its way. */}
        <button type="submit" className="kc-primary" aria-disabled={saving ? true : undefined}>
          {t.answer.opslaan}
        </button>
        <span role="status" className="kc-copy-status">
          {progressText(answer, t.answer)}
        </span>
      </div>
      {answer.status === 'failed' && answer.error !== undefined ? (
        <div role="alert" className="kc-alert">
          <p>{t.answer.nietOpgeslagen}</p>
          <p>{errorText(t.errors, answer.error)}</p>
        </div>
      ) : null}
    </form>
  )
}

function progressText(answer: AnswerState, t: OpenedMessages['answer']): string {
  switch (answer.status) {
    case 'saving':
      return t.saving
    case 'saved':
      return t.saved
    case 'editing':
    case 'failed':
      return ''
    default:
      throw missingCaseError(answer.status)
  }
}
