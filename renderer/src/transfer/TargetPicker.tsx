import { useId, useMemo, useState, type FormEvent } from 'react'
import { Button } from '@nl-design-system-candidate/button-react'
import type { DirectoryView } from '../../../shared/gateway/api'
import type { AgentStatus } from '../../../shared/live/protocol'
import { format } from '../i18n/locale'
import { colleagueStateMessages } from '../i18n/colleague-states'
import { useMessages } from '../i18n/use-messages'
import { FOCUS_TARGETS } from '../lib/focus-targets'
import { transferMessages } from './messages'
import { candidateKey, transferCandidates, type TransferCandidate, type TransferTarget } from './target'

/** More than this and the agent should type a little more. */
const MAX_SHOWN = 25

/**
 * Search the directory and choose whom to transfer to, warm (the default) or blind.
 * Native radio buttons: arrow keys move through the list, and each option names the colleague's
 * live state, so the agent does not consult someone who is on the phone. An afgemeld colleague, or
 * an afdeling with nobody else in it, is listed but cannot be chosen. The choice lives in the store
 * (`choice`), so a refusal or reopening the dialog keeps the target and the manner.
 */
export function TargetPicker(props: {
  readonly directory: DirectoryView
  readonly live: readonly AgentStatus[]
  readonly ownLogin: string
  readonly hasKlantcontact: boolean
  readonly chosen: string | undefined
  readonly kind: 'warm' | 'blind'
  readonly onChoose: (change: { readonly key: string | undefined; readonly kind: 'warm' | 'blind' }) => void
  readonly onTransfer: (target: TransferTarget, kind: 'warm' | 'blind') => void
}) {
  const t = useMessages(transferMessages)
  const states = useMessages(colleagueStateMessages)
  const base = useId()
  const searchId = FOCUS_TARGETS.transferFirst
  const [query, setQuery] = useState('')
  const [error, setError] = useState<string | undefined>()
  const candidates = useMemo(
    () => transferCandidates(props.directory, props.live, props.ownLogin, query),
    [props.directory, props.live, props.ownLogin, query],
  )
  const shown = candidates.slice(0, MAX_SHOWN)
  const { chosen, kind } = props

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const target = candidates.find((c) => candidateKey(c) === chosen && choosable(c))
    if (!target) {
      setError(t.kiesDoel)
      document.getElementById(searchId)?.focus()
      return
    }
    setError(undefined)
    props.onTransfer({ type: target.type, id: target.id, naam: target.naam, address: target.address }, kind)
  }

  return (
    <form className="transfer-picker" onSubmit={submit} noValidate aria-label={t.title}>
      <div className="utrecht-form-field utrecht-form-field--text">
        <label className="utrecht-form-label" htmlFor={searchId}>
          {t.search}
        </label>
        <input
          id={searchId}
          className="utrecht-textbox utrecht-textbox--html-input"
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby={`${base}-search-hint`}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p id={`${base}-search-hint`} className="utrecht-form-field-description hint">
          {t.searchHint}
        </p>
      </div>
      <fieldset className="utrecht-form-fieldset transfer-targets">
        <legend className="utrecht-form-fieldset__legend">{t.naar}</legend>
        {shown.length === 0 ? <p>{t.geenResultaten}</p> : null}
        <ul>
          {shown.map((candidate) => {
            const key = candidateKey(candidate)
            const id = `${base}-${key}`
            const enabled = choosable(candidate)
            return (
              <li key={key} className={stateClass(candidate)}>
                <input
                  type="radio"
                  className="utrecht-radio-button"
                  id={id}
                  name={`${base}-target`}
                  value={key}
                  checked={chosen === key}
                  disabled={!enabled}
                  onChange={() => {
                    props.onChoose({ key, kind })
                    setError(undefined)
                  }}
                />
                <label className="utrecht-form-label" htmlFor={id}>
                  {labelOf(candidate, t, states)}
                </label>
              </li>
            )
          })}
        </ul>
      </fieldset>
      <fieldset className="utrecht-form-fieldset transfer-kind">
        <legend className="utrecht-form-fieldset__legend">{t.soort}</legend>
        <label className="utrecht-form-label">
          <input
            type="radio"
            className="utrecht-radio-button"
            name={`${base}-kind`}
            checked={kind === 'warm'}
            onChange={() => props.onChoose({ key: chosen, kind: 'warm' })}
          />{' '}
          {t.warm}
        </label>
        <label className="utrecht-form-label">
          <input
            type="radio"
            className="utrecht-radio-button"
            name={`${base}-kind`}
            checked={kind === 'blind'}
            onChange={() => props.onChoose({ key: chosen, kind: 'blind' })}
          />{' '}
          {t.blind}
        </label>
      </fieldset>
      {props.hasKlantcontact ? null : <p className="hint">{t.zonderKlantcontact}</p>}
      {error ? (
        <p role="alert" className="utrecht-form-field-error-message error">
          {error}
        </p>
      ) : null}
      <Button type="submit" purpose="primary">
        {t.button}
      </Button>
    </form>
  )
}

type Messages = (typeof transferMessages)['nl']

/** Whether the agent may pick it: not an afgemeld colleague, not an afdeling of the agent alone. */
export function choosable(candidate: TransferCandidate): boolean {
  return candidate.type === 'afdeling' ? candidate.leden > 0 : candidate.state !== 'offline'
}

function labelOf(
  candidate: TransferCandidate,
  t: Messages,
  states: (typeof colleagueStateMessages)['nl'],
): string {
  switch (candidate.type) {
    case 'afdeling': {
      return format(candidate.leden === 0 ? t.afdelingLeeg : t.afdelingLabel, {
        naam: candidate.naam,
        beschikbaar: String(candidate.beschikbaar),
        leden: String(candidate.leden),
      })
    }
    case 'agent':
      return format(t.medewerkerLabel, {
        naam: candidate.naam,
        afdeling: candidate.afdelingNaam,
        status: states[candidate.state],
      })
    default: {
      const unreachable: never = candidate
      throw new Error(`unknown candidate ${String(unreachable)}`)
    }
  }
}

function stateClass(candidate: TransferCandidate): string {
  const free = candidate.type === 'afdeling' ? candidate.beschikbaar > 0 : candidate.state === 'beschikbaar'
  return free ? 'transfer-target free' : 'transfer-target busy'
}
