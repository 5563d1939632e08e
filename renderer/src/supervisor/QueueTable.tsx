import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useMessages } from '../i18n/use-messages'
import { ageText } from '../inbox/inbox-view'
import { inboxMessages } from '../inbox/messages'
import { formatDuration } from '../phone/CallTimer'
import { FiguresTable } from './FiguresTable'
import { supervisorMessages } from './messages'
import { formatServiceLevel, type QueueFigures } from './queue-figures'

/**
 * The afdelingen's queues in the team overview: waiting now, the longest wait (counting up),
 * today's answered, abandoned (of which nobody available), service level and terugbelverzoeken,
 * and the open contactverzoeken with how long the oldest has waited.
 * One column per afdeling (FiguresTable.tsx); an afdeling with callers waiting is marked.
 */
export function QueueTable({ figures }: { readonly figures: readonly QueueFigures[] }) {
  const t = useMessages(supervisorMessages).wachtrij
  const inbox = useMessages(inboxMessages)
  if (figures.length === 0) {
    return null
  }
  const row = (key: string, label: string, value: (f: QueueFigures) => string | number) => ({
    key,
    label,
    values: figures.map((f) =>
      (key === 'wachtend' && f.waiting > 0) || (key === 'contactverzoeken-open' && f.inboxOpen > 0) ? (
        <strong key={f.id}>{value(f)}</strong>
      ) : (
        value(f)
      ),
    ),
  })
  return (
    <>
      <FiguresTable
        label={t.titel}
        describedBy="queue-uitleg inbox-uitleg"
        afdelingen={figures}
        rows={[
          row('wachtend', t.wachtend, (f) => f.waiting),
          row('langste', t.langste, (f) =>
            f.longestWaitMs !== undefined ? formatDuration(f.longestWaitMs) : '–',
          ),
          row('aangenomen', t.aangenomen, (f) => f.answered),
          row('opgehangen', t.opgehangen, (f) => f.abandoned),
          row('niemand', t.niemand, (f) => f.noAgent),
          row('servicelevel', t.servicelevel, (f) => formatServiceLevel(f.serviceLevel)),
          row('terugbelverzoeken', t.terugbelverzoeken, (f) => f.terugbelverzoeken),
          row('contactverzoeken-open', inbox.supervisor.open, (f) => f.inboxOpen),
          row('contactverzoeken-oudste', inbox.supervisor.oudste, (f) =>
            f.oldestInboxMs !== undefined ? ageText(f.oldestInboxMs, inbox.duur) : '–',
          ),
        ]}
      />
      <Paragraph id="queue-uitleg" className="queue-uitleg">
        {t.uitleg}
      </Paragraph>
      <Paragraph id="inbox-uitleg" className="queue-uitleg">
        {inbox.supervisor.uitleg}
      </Paragraph>
    </>
  )
}
