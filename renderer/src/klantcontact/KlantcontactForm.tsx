import { useEffect, useId, useMemo, type FormEvent, type KeyboardEvent } from 'react'
import { useSaveShortcut } from '../keyboard/save-registry'
import { isSaveShortcut } from '../lib/save-shortcut'
import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { ContactDetails } from './ContactDetails'
import { DiscardDraft } from './DiscardDraft'
import { DraftStatusLine } from './DraftStatusLine'
import { DRAFT_FIELDS, isEditable, type DraftField, type DraftPatch, type KlantcontactDraft } from './draft'
import { CountedText, describedBy, errorIdOf, FieldError } from './fields'
import { klantcontactMessages } from './messages'
import { SuggestionOffer } from './SuggestionOffer'
import { LIMITS } from './validate'

export interface KlantcontactFormProps {
  readonly draft: KlantcontactDraft
  /** A heading elsewhere that names the form (the case column's); the form then has none of its own. */
  readonly labelledBy?: string
  /** The id "Naam klant" gets instead of a generated one (the case column's focus target). */
  readonly firstFieldId?: string
}

/**
 * The klantcontact form (docs/agent-app.md): Naam klant, Onderwerp and Inhoud first (what the agent types
 * during the call), then the prefilled details. Opslaan, or Ctrl+S / Cmd+S anywhere in the form,
 * asks the store to save; the outbox does the sending. Focus moves when the store asks for it: to
 * "Naam klant" at a screen pop, to the first invalid field after a refused save (WCAG 2.1 SC 3.3.1).
 *
 * Every control has a real `<label for>`; counters, hints and errors are tied to their control with
 * aria-describedby, and an invalid control has aria-invalid.
 */
export function KlantcontactForm({ draft, labelledBy, firstFieldId }: KlantcontactFormProps) {
  const t = useMessages(klantcontactMessages).form
  const base = useId()
  const ids = useMemo(
    () => ({
      ...(Object.fromEntries(DRAFT_FIELDS.map((field) => [field, `${base}-${field}`])) as Record<
        DraftField,
        string
      >),
      ...(firstFieldId !== undefined ? { naamKlant: firstFieldId } : {}),
    }),
    [base, firstFieldId],
  )
  const headingId = `${base}-kop`
  const update = useAppStore((state) => state.klantcontact.update)
  const requestSave = useAppStore((state) => state.klantcontact.requestSave)
  const acceptSuggestion = useAppStore((state) => state.klantcontact.acceptSuggestion)
  const focusRequest = useAppStore((state) => state.klantcontact.focusRequest)
  const focusHandled = useAppStore((state) => state.klantcontact.focusHandled)
  const editable = isEditable(draft.status)
  const errors = draft.fieldErrors

  useEffect(() => {
    if (focusRequest === null || focusRequest.draftId !== draft.id) {
      return
    }
    document.getElementById(ids[focusRequest.field])?.focus()
    focusHandled(focusRequest.token)
  }, [focusRequest, draft.id, ids, focusHandled])

  const change = (patch: DraftPatch): void => update(draft.id, patch)
  const save = (): void => {
    requestSave(draft.id)
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
      aria-labelledby={labelledBy ?? headingId}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
    >
      {labelledBy === undefined ? (
        <h3 id={headingId}>{draft.callId !== undefined ? t.headingCall : t.headingManual}</h3>
      ) : null}
      <DraftStatusLine draft={draft} />

      <div className="kc-field">
        <label htmlFor={ids.naamKlant}>{t.naamKlant}</label>
        <input
          id={ids.naamKlant}
          type="text"
          autoComplete="off"
          value={draft.naamKlant}
          readOnly={!editable}
          aria-invalid={errors.naamKlant !== undefined ? true : undefined}
          aria-describedby={describedBy(errors.naamKlant !== undefined && errorIdOf(ids.naamKlant))}
          onChange={(event) => change({ naamKlant: event.target.value })}
        />
        <FieldError id={ids.naamKlant} error={errors.naamKlant} />
        <SuggestionOffer
          id={`${ids.naamKlant}-suggestie`}
          draft={draft}
          editable={editable}
          onAccept={() => acceptSuggestion(draft.id)}
        />
      </div>
      <CountedText
        id={ids.onderwerp}
        label={t.onderwerp}
        value={draft.onderwerp}
        max={LIMITS.onderwerp}
        error={errors.onderwerp}
        readOnly={!editable}
        required
        onChange={(onderwerp) => change({ onderwerp })}
      />
      <CountedText
        id={ids.inhoud}
        label={t.inhoud}
        value={draft.inhoud}
        max={LIMITS.inhoud}
        error={errors.inhoud}
        readOnly={!editable}
        multiline
        onChange={(inhoud) => change({ inhoud })}
      />
      <ContactDetails draft={draft} ids={ids} editable={editable} onChange={change} />

      <div className="kc-actions">
        {/* aria-disabled, not disabled: the button keeps focus while the registration is on its way. */}
        <button
          type="submit"
          className="kc-primary"
          aria-disabled={editable ? undefined : true}
          aria-describedby={`${base}-sneltoets`}
        >
          {t.opslaan}
        </button>
        <span id={`${base}-sneltoets`} className="kc-hint">
          {t.opslaanHint}
        </span>
        {editable ? <DiscardDraft draftId={draft.id} /> : null}
      </div>
    </form>
  )
}
