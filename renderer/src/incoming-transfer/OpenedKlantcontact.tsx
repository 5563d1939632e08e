import { useEffect, useId, useRef } from 'react'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { AnswerForm } from './AnswerForm'
import type { AnswerField } from './answer-room'
import { errorText } from './error-text'
import { openedMessages, type OpenedMessages } from './messages'
import { openKlantcontact } from './open'

export interface OpenedKlantcontactProps {
  /** Where the gateway puts the answer (its `answerField` setting); inhoud, as the VNG case says. */
  readonly answerField?: AnswerField
}

const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' })

/**
 * The klantcontact a colleague passed on, or one opened by its nummer (the colleague sees the
 * klantcontact): Onderwerp, Inhoud, Naam klant, who registered it and when, then the answer. A
 * vertrouwelijk one the agent may not read shows that it exists, not what it says.
 *
 * A transfer opens while the call rings, without taking focus (the agent is about to answer the
 * call); a klantcontact the agent asked for takes focus on its heading, so a screen reader reads it.
 */
export function OpenedKlantcontact({ answerField = 'inhoud' }: OpenedKlantcontactProps) {
  const t = useMessages(openedMessages)
  const status = useAppStore((s) => s.opened.status)
  const source = useAppStore((s) => s.opened.source)
  const nummer = useAppStore((s) => s.opened.nummer)
  const view = useAppStore((s) => s.opened.view)
  const error = useAppStore((s) => s.opened.error)
  const readOnly = useAppStore((s) => s.opened.readOnly === true)
  const close = useAppStore((s) => s.opened.close)
  const { api } = useServices()
  const base = useId()
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    if (status === 'ready' && source === 'manual') {
      heading.current?.focus()
    }
  }, [status, source, view?.uuid])

  const retry = (): void => {
    if (nummer !== undefined) {
      void openKlantcontact({ store: useAppStore, api }, { source, nummer })
    }
  }

  return (
    <>
      <p role="status" className="kc-status">
        {status === 'loading' ? format(t.view.loading, { nummer: nummer ?? '' }) : ''}
      </p>
      {status === 'failed' && source === 'transfer' && error !== undefined ? (
        <div role="alert" className="kc-alert">
          <p>{format(t.view.openenMislukt, { nummer: nummer ?? '' })}</p>
          <p>{errorText(t.errors, error, source)}</p>
          <div className="kc-actions">
            <button type="button" className="kc-primary" onClick={retry}>
              {t.view.opnieuw}
            </button>
            <button type="button" className="kc-secondary" onClick={close}>
              {t.view.sluiten}
            </button>
          </div>
        </div>
      ) : null}
      {status === 'ready' && view !== undefined ? (
        <section className="kc-saved" aria-labelledby={`${base}-kop`}>
          <h3 id={`${base}-kop`} ref={heading} tabIndex={-1}>
            {view.nummer !== null
              ? format(t.view.heading, { nummer: view.nummer })
              : t.view.headingZonderNummer}
          </h3>
          {source === 'transfer' ? <p className="op-source">{t.view.viaOverdracht}</p> : null}
          {view.afgeschermd ? <p className="op-notice">{t.view.afgeschermd}</p> : null}
          <Details view={view} t={t.view} />
          {readOnly && !view.afgeschermd ? <p className="op-notice">{t.view.alleenLezen}</p> : null}
          {view.afgeschermd || readOnly ? null : <AnswerForm view={view} answerField={answerField} />}
          <div className="kc-actions">
            <button type="button" className="kc-secondary" onClick={close}>
              {t.view.sluiten}
            </button>
          </div>
        </section>
      ) : null}
    </>
  )
}

function Details({ view, t }: { readonly view: KlantcontactView; readonly t: OpenedMessages['view'] }) {
  const naam = view.betrokkenen.find((b) => b.initiator)?.volledigeNaam ?? null
  // The register keeps no role on an actorklantcontact: every medewerker linked to it is listed.
  const actoren = view.actoren.map((a) => a.naam).join(', ')
  const when = view.plaatsgevondenOp !== null ? new Date(view.plaatsgevondenOp) : null
  const plaatsgevondenOp = when !== null && !Number.isNaN(when.getTime()) ? timeFormat.format(when) : null
  const rows: ReadonlyArray<readonly [string, string | null, boolean]> = view.afgeschermd
    ? [
        [t.geregistreerdDoor, actoren, false],
        [t.plaatsgevondenOp, plaatsgevondenOp, false],
      ]
    : [
        [t.onderwerp, view.onderwerp, false],
        [t.inhoud, view.inhoud, true],
        ...(view.reactie ? [[t.reactie, view.reactie, true] as const] : []),
        [t.naamKlant, naam, false],
        [t.geregistreerdDoor, actoren, false],
        [t.plaatsgevondenOp, plaatsgevondenOp, false],
      ]
  return (
    <dl className="op-details">
      {rows.map(([label, value, multiline]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className={multiline ? 'op-text' : undefined}>
            {value !== null && value !== '' ? value : t.leeg}
          </dd>
        </div>
      ))}
    </dl>
  )
}
