import { Button } from '@nl-design-system-candidate/button-react'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { describedBy, errorIdOf, FieldError } from '../klantcontact/fields'
import { useMessages } from '../i18n/use-messages'
import { inboxMessages } from './messages'

/**
 * The two short forms an inbox item opens in place: Verwerkt (what was done) and Doorzetten (to
 * which afdeling, and why). The first field takes the focus when the form opens; Annuleren closes
 * it and the item puts the focus back on the button that opened it. What was typed stays while the
 * gateway answers, and after a refusal, so nothing is lost.
 */
export function VerwerktForm(props: {
  readonly label: string
  readonly initial?: string
  readonly busy: boolean
  readonly onSubmit: (resultaat: string) => void
  readonly onCancel?: () => void
  /** Take the focus when shown (not when the form is there from the start, as beside a case). */
  readonly autoFocus?: boolean
}) {
  const t = useMessages(inboxMessages)
  const id = useId()
  const field = useRef<HTMLTextAreaElement>(null)
  const [resultaat, setResultaat] = useState(props.initial ?? '')
  const [error, setError] = useState<string | undefined>()
  const autoFocus = props.autoFocus ?? true

  useEffect(() => {
    if (autoFocus) {
      field.current?.focus()
    }
  }, [autoFocus])

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (props.busy) {
      return
    }
    if (resultaat.trim() === '') {
      setError(t.resultaatLeeg)
      field.current?.focus()
      return
    }
    props.onSubmit(resultaat)
  }

  return (
    <form className="kc-form inbox-form" aria-label={props.label} noValidate onSubmit={submit}>
      <div className="kc-field">
        <label htmlFor={`${id}-resultaat`}>{t.resultaat}</label>
        <textarea
          ref={field}
          id={`${id}-resultaat`}
          className="utrecht-textarea utrecht-textarea--html-textarea"
          rows={3}
          required
          value={resultaat}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy(error !== undefined && errorIdOf(`${id}-resultaat`))}
          onChange={(event) => {
            setResultaat(event.target.value)
            setError(undefined)
          }}
        />
        <FieldError id={`${id}-resultaat`} error={error} />
      </div>
      <div className="kc-actions">
        <Button type="submit" purpose="primary" disabled={props.busy}>
          {t.verwerktOpslaan}
        </Button>
        {props.onCancel !== undefined ? (
          <Button type="button" purpose="secondary" onClick={props.onCancel}>
            {t.annuleren}
          </Button>
        ) : null}
      </div>
    </form>
  )
}

export function DoorzettenForm(props: {
  readonly label: string
  /** The afdelingen it can go to (not the one it is with now). */
  readonly afdelingen: readonly { readonly id: string; readonly naam: string }[]
  readonly busy: boolean
  readonly onSubmit: (afdeling: string, toelichting: string) => void
  readonly onCancel: () => void
}) {
  const t = useMessages(inboxMessages)
  const id = useId()
  const select = useRef<HTMLSelectElement>(null)
  const [afdeling, setAfdeling] = useState('')
  const [toelichting, setToelichting] = useState('')
  const [error, setError] = useState<string | undefined>()

  useEffect(() => {
    select.current?.focus()
  }, [])

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (props.busy) {
      return
    }
    if (afdeling === '') {
      setError(t.afdelingLeeg)
      select.current?.focus()
      return
    }
    props.onSubmit(afdeling, toelichting)
  }

  return (
    <form className="kc-form inbox-form" aria-label={props.label} noValidate onSubmit={submit}>
      <div className="kc-field">
        <label htmlFor={`${id}-afdeling`}>{t.naarAfdeling}</label>
        <select
          ref={select}
          id={`${id}-afdeling`}
          className="utrecht-select utrecht-select--html-select"
          required
          value={afdeling}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy(error !== undefined && errorIdOf(`${id}-afdeling`))}
          onChange={(event) => {
            setAfdeling(event.target.value)
            setError(undefined)
          }}
        >
          <option value="">{t.kiesAfdeling}</option>
          {props.afdelingen.map((a) => (
            <option key={a.id} value={a.id}>
              {a.naam}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-afdeling`} error={error} />
      </div>
      <div className="kc-field">
        <label htmlFor={`${id}-toelichting`}>{t.toelichting}</label>
        <textarea
          id={`${id}-toelichting`}
          className="utrecht-textarea utrecht-textarea--html-textarea"
          rows={2}
          value={toelichting}
          onChange={(event) => setToelichting(event.target.value)}
        />
      </div>
      <div className="kc-actions">
        <Button type="submit" purpose="primary" disabled={props.busy}>
          {t.doorzettenOpslaan}
        </Button>
        <Button type="button" purpose="secondary" onClick={props.onCancel}>
          {t.annuleren}
        </Button>
      </div>
    </form>
  )
}
