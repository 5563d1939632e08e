import { useId, useMemo } from 'react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { draftsOf, type KlantcontactDraft } from './draft'
import './klantcontact.css'
import { KlantcontactForm } from './KlantcontactForm'
import { klantcontactMessages, type KlantcontactMessages } from './messages'
import { SavedKlantcontact } from './SavedKlantcontact'

export interface KlantcontactPanelProps {
  /** The logged-in agent: only this agent's drafts are shown (drafts outlive a logout). */
  readonly agentLogin: string
}

/**
 * The klantcontact panel: the active draft's form (or its saved nummer), a "Nieuw klantcontact"
 * button, and the agent's other open drafts when there are any (a second call while the first
 * one's registration still waits for the gateway).
 */
export function KlantcontactPanel({ agentLogin }: KlantcontactPanelProps) {
  const t = useMessages(klantcontactMessages)
  const headingId = useId()
  const drafts = useAppStore((state) => state.klantcontact.drafts)
  const activeId = useAppStore((state) => state.klantcontact.activeId)
  const openManual = useAppStore((state) => state.klantcontact.openManual)
  const own = useMemo(() => draftsOf(drafts, agentLogin), [drafts, agentLogin])
  const active = own.find((draft) => draft.id === activeId)
  const unsaved = own.filter((draft) => draft.status !== 'saved')
  const showList = unsaved.length > 1 || (unsaved.length === 1 && unsaved[0] !== active)

  return (
    <section className="kc-panel" aria-labelledby={headingId}>
      <div className="kc-panel-header">
        <h2 id={headingId}>{t.panel.heading}</h2>
        <button type="button" className="kc-secondary" onClick={() => openManual(agentLogin)}>
          {t.panel.nieuw}
        </button>
      </div>
      {showList ? <DraftList drafts={unsaved} activeId={active?.id} t={t} /> : null}
      {active === undefined ? (
        <p className="kc-empty">{t.panel.geenConcept}</p>
      ) : active.status === 'saved' ? (
        <SavedKlantcontact key={active.id} draft={active} />
      ) : (
        <KlantcontactForm key={active.id} draft={active} />
      )}
    </section>
  )
}

interface DraftListProps {
  readonly drafts: readonly KlantcontactDraft[]
  readonly activeId: string | undefined
  readonly t: KlantcontactMessages
}

/** The open drafts as a list of buttons; the shown one is marked with aria-current. */
function DraftList({ drafts, activeId, t }: DraftListProps) {
  const activate = useAppStore((state) => state.klantcontact.activate)
  return (
    <nav aria-label={t.panel.concepten} className="kc-drafts">
      <ul>
        {drafts.map((draft) => (
          <li key={draft.id}>
            <button
              type="button"
              aria-current={draft.id === activeId ? 'true' : undefined}
              onClick={() => activate(draft.id)}
            >
              {format(t.panel.conceptLabel, {
                onderwerp: draft.onderwerp.trim() || t.panel.conceptZonderOnderwerp,
                tijd: timeOf(draft.plaatsgevondenOp),
              })}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function timeOf(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' })
}
