import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { workspaceMessages } from './messages'

const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short' })

/** The agent's own recent klantcontacten (gateway `GET /api/klantcontacten/recent`), newest first. */
export function RecentContacts({ onRefresh }: { readonly onRefresh: () => void }) {
  const t = useMessages(workspaceMessages)
  const recent = useAppStore((s) => s.workspace.recent)

  return (
    <section className="panel recent" aria-labelledby="recent-title">
      <div className="panel-heading">
        <h2 id="recent-title">{t.recentTitle}</h2>
        <button type="button" onClick={onRefresh} disabled={recent.status === 'loading'}>
          {t.recentRefresh}
        </button>
      </div>
      {recent.status === 'failed' ? (
        <p role="alert" className="error">
          {t.recentFailed}
        </p>
      ) : null}
      {recent.status === 'ready' && recent.value.length === 0 ? <p>{t.recentEmpty}</p> : null}
      {recent.status === 'ready' && recent.value.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.recentNummer}</th>
              <th scope="col">{t.recentOnderwerp}</th>
              <th scope="col">{t.recentWhen}</th>
            </tr>
          </thead>
          <tbody>
            {recent.value.map((k) => (
              <tr key={k.uuid}>
                <td>{k.nummer ?? '–'}</td>
                <td>{k.afgeschermd ? t.afgeschermd : (k.onderwerp ?? '')}</td>
                <td>{k.plaatsgevondenOp ? timeFormat.format(new Date(k.plaatsgevondenOp)) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
