import { useId, useMemo, useState, type FormEvent } from 'react'
import type { DirectoryView } from '../../../shared/gateway/api'
import type { AgentStatus } from '../../../shared/live/protocol'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { transferMessages } from './messages'
import { candidateKey, transferCandidates, type TransferCandidate, type TransferTarget } from './target'

/** More than this and the agent should type a little more. */
const MAX_SHOWN = 25

/**
 * Search the directory and choose whom to transfer to, warm (the default) or blind.
 * Native radio buttons: arrow keys move through the list, and each option names the colleague's
 * live state, so the agent does not consult someone who is on the phone.
 */
export function TargetPicker(props: {
  readonly directory: DirectoryView
  readonly live: readonly AgentStatus[]
  readonly ownLogin: string
  readonly hasKlantcontact: boolean
  readonly onTransfer: (target: TransferTarget, kind: 'warm' | 'blind') => void
}) {
  const t = useMessages(transferMessages)
  const base = useId()
  const [query, setQuery] = useState('')
  const [chosen, setChosen] = useState<string | undefined>()
  const [kind, setKind] = useState<'warm' | 'blind'>('warm')
  const [error, setError] = useState<string | undefined>()
  const candidates = useMemo(
    () => transferCandidates(props.directory, props.live, props.ownLogin, query),
    [props.directory, props.live, props.ownLogin, query],
  )
  const shown = candidates.slice(0, MAX_SHOWN)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const target = candidates.find((c) => candidateKey(c) === chosen)
    if (!target) {
      setError(t.kiesDoel)
      document.getElementById(`${base}-search`)?.focus()
      return
    }
    setError(undefined)
    props.onTransfer({ type: target.type, id: target.id, naam: target.naam, address: target.address }, kind)
  }

  return (
    <form className="transfer-picker" onSubmit={submit} noValidate aria-label={t.title}>
      <div className="field">
        <label htmlFor={`${base}-search`}>{t.search}</label>
        <input
          id={`${base}-search`}
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby={`${base}-search-hint`}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p id={`${base}-search-hint`} className="hint">
          {t.searchHint}
        </p>
      </div>
      <fieldset className="transfer-targets">
        <legend>{t.naar}</legend>
        {shown.length === 0 ? <p>{t.geenResultaten}</p> : null}
        <ul>
          {shown.map((candidate) => {
            const key = candidateKey(candidate)
            const id = `${base}-${key}`
            return (
              <li key={key} className={stateClass(candidate)}>
                <input
                  type="radio"
                  id={id}
                  name={`${base}-target`}
                  value={key}
                  checked={chosen === key}
                  onChange={() => {
                    setChosen(key)
                    setError(undefined)
                  }}
                />
                <label htmlFor={id}>{labelOf(candidate, t)}</label>
              </li>
            )
          })}
        </ul>
      </fieldset>
      <fieldset className="transfer-kind">
        <legend>{t.soort}</legend>
        <label>
          <input
            type="radio"
            name={`${base}-kind`}
            checked={kind === 'warm'}
            onChange={() => setKind('warm')}
          />{' '}
          {t.warm}
        </label>
        <label>
          <input
            type="radio"
            name={`${base}-kind`}
            checked={kind === 'blind'}
            onChange={() => setKind('blind')}
          />{' '}
          {t.blind}
        </label>
      </fieldset>
      {props.hasKlantcontact ? null : <p className="hint">{t.zonderKlantcontact}</p>}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary">
        {t.button}
      </button>
    </form>
  )
}

type Messages = (typeof transferMessages)['nl']

function labelOf(candidate: TransferCandidate, t: Messages): string {
  switch (candidate.type) {
    case 'afdeling':
      return format(t.afdelingLabel, {
        naam: candidate.naam,
        beschikbaar: String(candidate.beschikbaar),
        leden: String(candidate.leden),
      })
    case 'agent':
      return format(t.medewerkerLabel, {
        naam: candidate.naam,
        afdeling: candidate.afdelingNaam,
        status: t.states[candidate.state],
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
