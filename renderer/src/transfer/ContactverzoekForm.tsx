import { useId, useReducer, type FormEvent } from 'react'
import { Button } from '@nl-design-system-candidate/button-react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import '../klantcontact/klantcontact.css'
import { CountedText } from '../klantcontact/fields'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { missingCaseError } from '../lib/missing-case'
import {
  CONTACTVERZOEK_LIMITS,
  initialContactverzoek,
  reduceContactverzoek,
  refusalOf,
  validateContactverzoek,
  type ContactverzoekStatus,
} from './contactverzoek-form'
import { errorText } from '../incoming-transfer/error-text'
import { openedMessages, type OpenedMessages } from '../incoming-transfer/messages'
import '../incoming-transfer/opened.css'
import { transferMessages } from './messages'

export interface ContactverzoekFormProps {
  readonly klantcontactUuid: string
  /** The afdeling or colleague the transfer did not reach: the contactverzoek goes to them. */
  readonly target: { readonly type: 'agent' | 'afdeling'; readonly id: string; readonly naam: string }
  /** null when the agent may not see it (vertrouwelijk). */
  readonly onderwerp: string | null
  readonly callerNumber?: string
}

/**
 * One click after a failed transfer: a contactverzoek (interne taak, `POST
 * /api/contactverzoeken`) for the afdeling or colleague that could not take the call, prefilled
 * from the klantcontact: gevraagde handeling "Klant terugbellen over: <onderwerp>" and a toelichting
 * with the onderwerp and the caller's number. Both stay editable; the gevraagde handeling is
 * required. Once made, the form is read-only, so a second click cannot make a second one.
 */
export function ContactverzoekForm(props: ContactverzoekFormProps) {
  const t = useMessages(openedMessages)
  const c = t.contactverzoek
  const base = useId()
  const { api } = useServices()
  const onbekend = useMessages(transferMessages).nummerOnbekend
  const [state, dispatch] = useReducer(reduceContactverzoek, undefined, () =>
    initialContactverzoek(props, c, onbekend),
  )
  const { status, fieldErrors } = state
  const editable = status === 'editing' || status === 'failed'
  const naam = format(props.target.type === 'afdeling' ? c.afdeling : c.medewerker, {
    naam: props.target.naam,
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (!editable) {
      return
    }
    const invalid = validateContactverzoek(state, c)
    if (Object.keys(invalid).length > 0) {
      dispatch({ type: 'invalid', fieldErrors: invalid })
      const first = invalid.gevraagdeHandeling !== undefined ? 'gevraagdeHandeling' : 'toelichting'
      document.getElementById(`${base}-${first}`)?.focus()
      return
    }
    dispatch({ type: 'send' })
    const toelichting = state.toelichting.trim()
    api
      .createContactverzoek({
        klantcontactUuid: props.klantcontactUuid,
        gevraagdeHandeling: state.gevraagdeHandeling,
        ...(toelichting !== '' ? { toelichting: state.toelichting } : {}),
        toegewezenAan: { type: props.target.type, id: props.target.id },
      })
      .then(
        (view) => {
          dispatch({ type: 'created', view })
          // The case's afhandeling then suggests "Contactverzoek gemaakt" (case/AfhandelingControl.tsx).
          useAppStore.getState().afhandeling.suggest(view.klantcontactUuid, 'contactverzoek')
        },
        (error: unknown) => dispatch(refusalOf(error)),
      )
  }

  return (
    <section className="kc-panel op-panel" aria-labelledby={`${base}-kop`}>
      <h3 id={`${base}-kop`}>{format(c.heading, { naam: props.target.naam })}</h3>
      <form className="kc-form" aria-labelledby={`${base}-kop`} noValidate onSubmit={onSubmit}>
        <p className="op-source">
          {c.toegewezenAan}: {naam}
        </p>
        <CountedText
          id={`${base}-gevraagdeHandeling`}
          label={c.gevraagdeHandeling}
          value={state.gevraagdeHandeling}
          max={CONTACTVERZOEK_LIMITS.gevraagdeHandeling}
          error={fieldErrors.gevraagdeHandeling}
          readOnly={!editable}
          required
          onChange={(value) => dispatch({ type: 'edit', field: 'gevraagdeHandeling', value })}
        />
        <CountedText
          id={`${base}-toelichting`}
          label={c.toelichting}
          value={state.toelichting}
          max={CONTACTVERZOEK_LIMITS.toelichting}
          error={fieldErrors.toelichting}
          readOnly={!editable}
          multiline
          onChange={(value) => dispatch({ type: 'edit', field: 'toelichting', value })}
        />
        <div className="kc-actions">
          {/* Kept (aria-disabled) once made: removing the focused button would drop focus on the page. */}
          <Button type="submit" purpose="primary" disabled={!editable}>
            {c.button}
          </Button>
          <span role="status" className="kc-copy-status">
            {progressText(status, c)}
          </span>
        </div>
        {status === 'failed' && state.error !== undefined ? (
          <div role="alert" className="kc-alert">
            <p>{c.nietGemaakt}</p>
            <p>{errorText(t.errors, state.error)}</p>
          </div>
        ) : null}
      </form>
    </section>
  )
}

function progressText(status: ContactverzoekStatus, c: OpenedMessages['contactverzoek']): string {
  switch (status) {
    case 'sending':
      return c.sending
    case 'created':
      return c.created
    case 'editing':
    case 'failed':
      return ''
    default:
      throw missingCaseError(status)
  }
}
