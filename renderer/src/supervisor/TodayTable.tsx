import { AFHANDELINGEN } from '../../../shared/klantcontact/afhandeling'
import { afhandelingMessages } from '../i18n/afhandelingen'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { formatDuration } from '../phone/CallTimer'
import { FiguresTable } from './FiguresTable'
import { supervisorMessages } from './messages'
import type { TeamCounters } from './team-view'

/**
 * Today's calls per afdeling (shared/live/counters.ts), one column per afdeling, and how today's
 * klantcontacten were afgehandeld (one row per afhandeling, as the agents recorded it).
 */
export function TodayTable({ today }: { readonly today: readonly TeamCounters[] }) {
  const t = useMessages(supervisorMessages)
  const afhandelingen = useMessages(afhandelingMessages)
  if (today.length === 0) {
    return null
  }
  return (
    <FiguresTable
      label={t.vandaag}
      afdelingen={today}
      rows={[
        { key: 'beantwoord', label: t.beantwoord, values: today.map((c) => c.answered) },
        { key: 'opgehangen', label: t.opgehangen, values: today.map((c) => c.abandoned) },
        {
          key: 'gemiddeld',
          label: t.gemiddeld,
          values: today.map((c) =>
            c.averageHandlingMs !== undefined ? formatDuration(c.averageHandlingMs) : '–',
          ),
        },
        { key: 'doorverbonden', label: t.doorverbonden, values: today.map((c) => c.transfers) },
        { key: 'contactverzoeken', label: t.contactverzoeken, values: today.map((c) => c.contactverzoeken) },
        ...AFHANDELINGEN.map((a) => ({
          key: `afhandeling-${a}`,
          label: format(t.afgehandeld, { afhandeling: afhandelingen[a] }),
          values: today.map((c) => c.afhandelingen[a]),
        })),
      ]}
    />
  )
}
