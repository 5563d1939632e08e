import { Button } from '@nl-design-system-candidate/button-react'
import { useEffect, useId, type FormEvent } from 'react'
import type { AgentView } from '../../../shared/gateway/api'
import { AFHANDELINGEN, type Afhandeling } from '../../../shared/klantcontact/afhandeling'
import { afhandelingMessages } from '../i18n/afhandelingen'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { ariaKeyshortcuts, shortcutHint } from '../keyboard/shortcuts'
import { FOCUS_TARGETS } from '../lib/focus-targets'
import { openedErrorOf } from '../incoming-transfer/error-of'
import { errorText } from '../incoming-transfer/error-text'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { selectedAfhandeling } from './afhandeling-slice'
import { afhandelingControlMessages } from './afhandeling-messages'
import type { MainCase } from './main-case'

/** The klantcontact the control records for: saved, with a nummer. */
export interface AfhandelingSubject {
  readonly uuid: string
  readonly nummer: string
  /** As the gateway last said (an opened klantcontact), if known. */
  readonly recorded?: Afhandeling | null
  readonly contactGelukt?: boolean | null
}

/**
 * At the end of a case: how it ended (shared/klantcontact/afhandeling.ts), recorded through the
 * gateway's `PUT /api/klantcontacten/:nummer/afhandeling`. Shown once the main case's klantcontact
 * is saved (it has a nummer), during the call or in nawerk: the agent's own, or one a colleague
 * passed on. Native radio buttons (arrow keys move the choice), preselected with what the case
 * suggests (doorverbonden after a completed transfer, contactverzoek after one was made), but
 * recorded only when the agent presses the button. A failure keeps the choice and says why.
 */
export function AfhandelingControl(props: { readonly main: MainCase; readonly agent: AgentView }) {
  const subject = useSubject(props.main, props.agent.login)
  return subject ? <AfhandelingForm key={subject.uuid} subject={subject} /> : null
}

function useSubject(main: MainCase, login: string): AfhandelingSubject | undefined {
  const opened = useAppStore((s) => s.opened)
  switch (main.kind) {
    case 'draft': {
      const { draft } = main
      return draft.status === 'saved' && draft.nummer !== undefined && draft.uuid !== undefined
        ? { uuid: draft.uuid, nummer: draft.nummer, contactGelukt: draft.indicatieContactGelukt }
        : undefined
    }
    case 'opened': {
      const view = opened.view
      // One opened by its nummer is read-only unless the agent is on it; the gateway says the same.
      const mayRecord =
        opened.source === 'transfer' || (view?.actoren ?? []).some((actor) => actor.login === login)
      return opened.status === 'ready' && view?.nummer && mayRecord
        ? {
            uuid: view.uuid,
            nummer: view.nummer,
            recorded: view.afhandeling ?? null,
            contactGelukt: view.indicatieContactGelukt,
          }
        : undefined
    }
    default:
      // Ringing, or no case: nothing saved to record for.
      return undefined
  }
}

function AfhandelingForm({ subject }: { readonly subject: AfhandelingSubject }) {
  const t = useMessages(afhandelingControlMessages)
  const labels = useMessages(afhandelingMessages)
  const { api } = useServices()
  const base = useId()
  const entry = useAppStore((s) => s.afhandeling.byUuid[subject.uuid])
  const actions = useAppStore((s) => s.afhandeling)
  const handed = useAppStore(
    (s) => s.transfer.intent?.phase === 'handed' && s.transfer.intent.klantcontact?.uuid === subject.uuid,
  )
  useEffect(() => {
    if (handed) {
      useAppStore.getState().afhandeling.suggest(subject.uuid, 'doorverbonden')
    }
  }, [handed, subject.uuid])

  const selected = selectedAfhandeling(entry, subject)
  const recorded = entry?.recorded ?? subject.recorded ?? undefined
  const saving = entry?.saving === true

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (saving) {
      return
    }
    const { uuid, nummer } = subject
    actions.saving(uuid)
    api.recordAfhandeling(nummer, selected).then(
      (view) => actions.recorded(uuid, view.afhandeling ?? selected),
      (error: unknown) => actions.failed(uuid, openedErrorOf(error)),
    )
  }

  return (
    <section
      className="kc-panel afhandeling"
      aria-labelledby={`${base}-legend`}
      data-afhandeling={recorded ?? 'none'}
    >
      <form className="kc-form" noValidate onSubmit={onSubmit}>
        <fieldset className="utrecht-form-fieldset afhandeling-options" aria-describedby={`${base}-uitleg`}>
          <legend id={`${base}-legend`} className="utrecht-form-fieldset__legend">
            {t.legend}
          </legend>
          <p id={`${base}-uitleg`} className="hint">
            {t.uitleg} <kbd className="kcc-kbd">{shortcutHint('afhandeling')}</kbd>
          </p>
          {AFHANDELINGEN.map((afhandeling) => (
            <label key={afhandeling} className="utrecht-form-label afhandeling-option">
              <input
                type="radio"
                className="utrecht-radio-button"
                name={`${base}-afhandeling`}
                value={afhandeling}
                checked={selected === afhandeling}
                // The shortcut focuses the chosen one; the arrow keys then move the choice.
                {...(selected === afhandeling
                  ? { id: FOCUS_TARGETS.afhandeling, 'aria-keyshortcuts': ariaKeyshortcuts('afhandeling') }
                  : {})}
                disabled={saving}
                onChange={() => actions.choose(subject.uuid, afhandeling)}
              />{' '}
              {labels[afhandeling]}
            </label>
          ))}
        </fieldset>
        <div className="kc-actions">
          <Button type="submit" purpose="primary" aria-disabled={saving || undefined}>
            {t.vastleggen}
          </Button>
          <p role="status" className="afhandeling-status">
            {saving
              ? t.bezig
              : recorded !== undefined
                ? format(t.vastgelegd, { afhandeling: labels[recorded] })
                : t.nietVastgelegd}
          </p>
        </div>
        {entry?.error ? (
          <p role="alert" className="utrecht-form-field-error-message error">
            {errorText(t.errors, entry.error)}
          </p>
        ) : null}
      </form>
    </section>
  )
}
