import { useMessages } from '../i18n/use-messages'
import { formatDuration } from '../phone/CallTimer'
import { supervisorMessages } from './messages'
import { formatServiceLevel, type QueueFigures } from './queue-figures'

/**
 * The afdelingen's queues in the team overview: waiting now, the longest wait (counting up), and
 * today's answered, abandoned (of which nobody available), service level and terugbelverzoeken.
 */
export function QueueTable({ figures }: { readonly figures: readonly QueueFigures[] }) {
  const t = useMessages(supervisorMessages).wachtrij
  if (figures.length === 0) {
    return null
  }
  return (
    <>
      <table className="team-table queue-table" aria-label={t.titel} aria-describedby="queue-uitleg">
        <caption>{t.titel}</caption>
        <thead>
          <tr>
            <th scope="col">{t.afdeling}</th>
            <th scope="col">{t.wachtend}</th>
            <th scope="col">{t.langste}</th>
            <th scope="col">{t.aangenomen}</th>
            <th scope="col">{t.opgehangen}</th>
            <th scope="col">{t.niemand}</th>
            <th scope="col">{t.servicelevel}</th>
            <th scope="col">{t.terugbelverzoeken}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.id} data-afdeling={f.id} className={f.waiting > 0 ? 'queue-waiting-row' : undefined}>
              <th scope="row">{f.naam}</th>
              <td>{f.waiting}</td>
              <td>{f.longestWaitMs !== undefined ? formatDuration(f.longestWaitMs) : '–'}</td>
              <td>{f.answered}</td>
              <td>{f.abandoned}</td>
              <td>{f.noAgent}</td>
              <td>{formatServiceLevel(f.serviceLevel)}</td>
              <td>{f.terugbelverzoeken}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id="queue-uitleg" className="queue-uitleg">
        {t.uitleg}
      </p>
    </>
  )
}
