import { useEffect, useId, useState } from 'react'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { isKlantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import type { MainCase } from '../case/main-case'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import type { KlantcontactDraft } from '../klantcontact/draft'
import { missingCaseError } from '../lib/missing-case'
import { createLogger } from '../log'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { failureText } from './inbox-view'
import { markVerwerkt } from './inbox-actions'
import { VerwerktForm } from './InboxForms'
import { inboxMessages, type InboxMessages } from './messages'
import './inbox.css'

const log = createLogger('inbox:origin')

const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' })

/**
 * Above a call-back's klantcontact (a draft with an `aanleiding`, made by Terugbellen in the inbox):
 * the contactverzoek it answers and the original klantcontact, read through the gateway by its
 * nummer (`GET /api/klantcontacten/by-nummer/:nummer`, audited there), so the agent has the
 * original in view while calling. Once the call-back's klantcontact is saved it offers Verwerkt for
 * the contactverzoek, with the call-back's klantcontact, which the gateway records as its result.
 */
export function CallBackOrigin({ main }: { readonly main: MainCase }) {
  if (main.kind !== 'draft' || main.draft.aanleiding === undefined) {
    return null
  }
  return <Origin key={main.draft.id} draft={main.draft} />
}

type Original =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly view: KlantcontactView }
  | { readonly status: 'failed' }
  | { readonly status: 'none' }

function Origin({ draft }: { readonly draft: KlantcontactDraft }) {
  const t = useMessages(inboxMessages)
  const o = t.origin
  const base = useId()
  const { api } = useServices()
  const aanleiding = draft.aanleiding!
  const item = useAppStore((s) => s.inbox.known[aanleiding.interneTaakUuid])
  const session = useAppStore((s) => s.workspace.session)
  const nummer = aanleiding.klantcontactNummer
  const [original, setOriginal] = useState<Original>(() =>
    nummer !== null && isKlantcontactnummer(nummer) ? { status: 'loading' } : { status: 'none' },
  )
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()

  useEffect(() => {
    if (nummer === null || !isKlantcontactnummer(nummer)) {
      return
    }
    let current = true
    api.klantcontactByNummer(nummer).then(
      (view) => current && setOriginal({ status: 'ready', view }),
      (failure: unknown) => {
        log.warn({ error: String(failure) }, 'original klantcontact failed')
        if (current) {
          setOriginal({ status: 'failed' })
        }
      },
    )
    return () => {
      current = false
    }
  }, [api, nummer])

  const verwerkt = item?.status === 'verwerkt'
  const submit = (resultaat: string): void => {
    if (busy || draft.uuid === undefined || session.status !== 'active') {
      return
    }
    setBusy(true)
    setError(undefined)
    markVerwerkt(
      { api, store: useAppStore, agent: session.agent },
      aanleiding.interneTaakUuid,
      resultaat,
      draft.uuid,
    )
      .catch((failure: unknown) => setError(failureText(failure, t.mislukt)))
      .finally(() => setBusy(false))
  }

  return (
    <section
      className="callback-origin op-panel"
      aria-labelledby={`${base}-kop`}
      data-testid="callback-origin"
    >
      <h3 id={`${base}-kop`}>{o.titel}</h3>
      <dl>
        <dt>{o.contactverzoek}</dt>
        <dd>{item?.gevraagdeHandeling ?? '–'}</dd>
        {item !== undefined && item.toelichting.trim() !== '' ? (
          <>
            <dt>{t.toelichtingKop}</dt>
            <dd>{item.toelichting}</dd>
          </>
        ) : null}
      </dl>
      <OriginalKlantcontact original={original} nummer={nummer} t={o} afgeschermd={t.afgeschermd} />
      {verwerkt ? (
        <p role="status">{o.isVerwerkt}</p>
      ) : draft.status === 'saved' && draft.uuid !== undefined ? (
        <VerwerktForm
          label={o.verwerktMelden}
          initial={o.standaardResultaat}
          busy={busy}
          autoFocus={false}
          onSubmit={submit}
        />
      ) : (
        <p className="inbox-note">{o.eerstOpslaan}</p>
      )}
      {error !== undefined ? (
        <div role="alert" className="kc-alert">
          <p>{error}</p>
        </div>
      ) : null}
    </section>
  )
}

function OriginalKlantcontact(props: {
  readonly original: Original
  readonly nummer: string | null
  readonly t: InboxMessages['origin']
  readonly afgeschermd: string
}) {
  const { original, t } = props
  const title =
    props.nummer !== null ? format(t.klantcontact, { nummer: props.nummer }) : t.klantcontactZonderNummer
  switch (original.status) {
    case 'none':
      return null
    case 'loading':
      return <p role="status">{t.laden}</p>
    case 'failed':
      return (
        <div role="alert" className="kc-alert">
          <p>{t.ladenMislukt}</p>
        </div>
      )
    case 'ready': {
      const { view } = original
      const naam = view.betrokkenen.find((b) => b.initiator)?.volledigeNaam ?? null
      return (
        <div className="callback-original">
          <h4>{title}</h4>
          <dl>
            <dt>{t.datum}</dt>
            <dd>
              {view.plaatsgevondenOp !== null
                ? timeFormat.format(new Date(view.plaatsgevondenOp))
                : t.nietIngevuld}
            </dd>
            <dt>{t.naamKlant}</dt>
            <dd>{naam ?? t.nietIngevuld}</dd>
            <dt>{t.onderwerp}</dt>
            <dd>{view.afgeschermd ? props.afgeschermd : (view.onderwerp ?? t.nietIngevuld)}</dd>
            {view.afgeschermd ? null : (
              <>
                <dt>{t.inhoud}</dt>
                <dd>{view.inhoud !== null && view.inhoud !== '' ? view.inhoud : t.nietIngevuld}</dd>
              </>
            )}
          </dl>
        </div>
      )
    }
    default:
      throw missingCaseError(original)
  }
}
