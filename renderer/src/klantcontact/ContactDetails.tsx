import { useMessages } from '../i18n/use-messages'
import type { DraftField, DraftPatch, KlantcontactDraft } from './draft'
import { describedBy, errorIdOf, FieldError } from './fields'
import { DateTimeField } from './DateTimeField'
import { klantcontactMessages } from './messages'

export interface ContactDetailsProps {
  readonly draft: KlantcontactDraft
  readonly ids: Readonly<Record<DraftField, string>>
  readonly editable: boolean
  readonly onChange: (patch: DraftPatch) => void
}

/**
 * The prefilled details of the contact, grouped (WCAG 2.1 SC 1.3.1: fieldset and legend): kanaal
 * (Telefoon for a call, fixed; a choice for a manual contact), plaatsgevondenOp, taal and
 * vertrouwelijk. Selects and the checkbox cannot be read-only in HTML, so they are disabled while
 * the registration is on its way.
 */
export function ContactDetails({ draft, ids, editable, onChange }: ContactDetailsProps) {
  const t = useMessages(klantcontactMessages)
  const f = t.form
  const errors = draft.fieldErrors
  const invalid = (field: DraftField) => (errors[field] !== undefined ? true : undefined)
  const described = (field: DraftField, hint?: string) =>
    describedBy(hint, errors[field] !== undefined && errorIdOf(ids[field]))
  const kanalen = t.kanalen.includes(draft.kanaal) ? t.kanalen : [...t.kanalen, draft.kanaal]
  const talen = t.talen.some((taal) => taal.code === draft.taal)
    ? t.talen
    : [...t.talen, { code: draft.taal, label: draft.taal }]
  const hintId = `${ids.vertrouwelijk}-uitleg`

  return (
    <fieldset className="kc-details">
      <legend>{f.gegevens}</legend>
      <div className="kc-field">
        <label htmlFor={ids.kanaal}>{f.kanaal}</label>
        {draft.callId !== undefined ? (
          <input id={ids.kanaal} type="text" value={draft.kanaal} readOnly />
        ) : (
          <select
            id={ids.kanaal}
            value={draft.kanaal}
            disabled={!editable}
            aria-invalid={invalid('kanaal')}
            aria-describedby={described('kanaal')}
            onChange={(event) => onChange({ kanaal: event.target.value })}
          >
            {kanalen.map((kanaal) => (
              <option key={kanaal} value={kanaal}>
                {kanaal}
              </option>
            ))}
          </select>
        )}
        <FieldError id={ids.kanaal} error={errors.kanaal} />
      </div>
      <DateTimeField
        id={ids.plaatsgevondenOp}
        value={draft.plaatsgevondenOp}
        error={errors.plaatsgevondenOp}
        readOnly={!editable}
        onChange={(plaatsgevondenOp) => onChange({ plaatsgevondenOp })}
      />
      <div className="kc-field">
        <label htmlFor={ids.taal}>{f.taal}</label>
        <select
          id={ids.taal}
          value={draft.taal}
          disabled={!editable}
          aria-invalid={invalid('taal')}
          aria-describedby={described('taal')}
          onChange={(event) => onChange({ taal: event.target.value })}
        >
          {talen.map((taal) => (
            <option key={taal.code} value={taal.code}>
              {taal.label}
            </option>
          ))}
        </select>
        <FieldError id={ids.taal} error={errors.taal} />
      </div>
      <div className="kc-field kc-check">
        <input
          id={ids.vertrouwelijk}
          type="checkbox"
          checked={draft.vertrouwelijk}
          disabled={!editable}
          aria-invalid={invalid('vertrouwelijk')}
          aria-describedby={described('vertrouwelijk', hintId)}
          onChange={(event) => onChange({ vertrouwelijk: event.target.checked })}
        />
        <label htmlFor={ids.vertrouwelijk}>{f.vertrouwelijk}</label>
        <p id={hintId} className="kc-hint">
          {f.vertrouwelijkHint}
        </p>
        <FieldError id={ids.vertrouwelijk} error={errors.vertrouwelijk} />
      </div>
    </fieldset>
  )
}
