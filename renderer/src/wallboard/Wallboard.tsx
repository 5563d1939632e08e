import { Heading } from '@nl-design-system-candidate/heading-react'
import { AFHANDELINGEN, type Afhandeling } from '../../../shared/klantcontact/afhandeling'
import { dayOf } from '../../../shared/live/counters'
import { afhandelingMessages } from '../i18n/afhandelingen'
import { useMessages } from '../i18n/use-messages'
import { ageText } from '../inbox/inbox-view'
import { inboxMessages } from '../inbox/messages'
import { useGatewayNow } from '../live/use-gateway-now'
import { formatDuration } from '../phone/CallTimer'
import { useAppStore } from '../store'
import { afhandelingFigures } from '../supervisor/afhandeling-figures'
import { supervisorMessages } from '../supervisor/messages'
import { formatServiceLevel, queueFigures, type QueueFigures } from '../supervisor/queue-figures'
import { wallboardMessages } from './messages'
import './wallboard.css'

/**
 * The wall screen: one tile per afdeling with its queue now, its open contactverzoeken (how many,
 * and how long the oldest waits) and today's figures, in large type and
 * high contrast, readable from across the room. No controls: it follows the live socket by itself,
 * and only the waits tick, on the gateway's clock (live/gateway-clock.ts). No caller's number or name is on it (shared/live/queue.ts).
 */
export function Wallboard() {
  const t = useMessages(wallboardMessages)
  const live = useAppStore((s) => s.workspace.live)
  const directory = useAppStore((s) => s.workspace.directory)
  const now = useGatewayNow()
  const figures = queueFigures(directory.status === 'ready' ? directory.value : undefined, live, now)
  // Counters of an earlier day (no event yet today) count as zeros.
  const counted = live.counters.day === dayOf(new Date(now).toISOString()) ? live.counters.afdelingen : {}

  return (
    <div className="wallboard">
      <Heading level={1}>{t.title}</Heading>
      {live.connection !== 'open' ? (
        <p role="alert" className="wallboard-offline">
          {t.verbinding}
        </p>
      ) : null}
      {figures.length === 0 ? <p>{t.geenAfdelingen}</p> : null}
      <ul className="wallboard-tiles" aria-label={t.title}>
        {figures.map((f) => (
          <Tile key={f.id} figures={f} afhandelingen={afhandelingFigures(counted[f.id])} />
        ))}
      </ul>
    </div>
  )
}

function Tile({
  figures: f,
  afhandelingen,
}: {
  readonly figures: QueueFigures
  readonly afhandelingen: Readonly<Record<Afhandeling, number>>
}) {
  const labels = useMessages(afhandelingMessages)
  const t = useMessages(supervisorMessages).wachtrij
  const inbox = useMessages(inboxMessages)
  const headingId = `wallboard-${f.id}`
  return (
    <li
      className={f.waiting > 0 ? 'wallboard-tile wallboard-tile-waiting' : 'wallboard-tile'}
      aria-labelledby={headingId}
      data-afdeling={f.id}
    >
      <Heading level={2} id={headingId}>
        {f.naam}
      </Heading>
      <dl className="wallboard-now">
        <div>
          <dt>{t.wachtend}</dt>
          <dd data-figure="wachtend">{f.waiting}</dd>
        </div>
        <div>
          <dt>{t.langste}</dt>
          <dd data-figure="langste">
            {f.longestWaitMs !== undefined ? formatDuration(f.longestWaitMs) : '–'}
          </dd>
        </div>
      </dl>
      <dl className="wallboard-inbox">
        <div>
          <dt>{inbox.supervisor.open}</dt>
          <dd data-figure="contactverzoeken-open">{f.inboxOpen}</dd>
        </div>
        <div>
          <dt>{inbox.supervisor.oudste}</dt>
          <dd data-figure="contactverzoeken-oudste">
            {f.oldestInboxMs !== undefined ? ageText(f.oldestInboxMs, inbox.duur) : '–'}
          </dd>
        </div>
      </dl>
      <dl className="wallboard-today">
        <div>
          <dt>{t.aangenomen}</dt>
          <dd data-figure="aangenomen">{f.answered}</dd>
        </div>
        <div>
          <dt>{t.opgehangen}</dt>
          <dd data-figure="opgehangen">{f.abandoned}</dd>
        </div>
        <div>
          <dt>{t.niemand}</dt>
          <dd data-figure="niemand">{f.noAgent}</dd>
        </div>
        <div>
          <dt>{t.servicelevel}</dt>
          <dd data-figure="servicelevel">{formatServiceLevel(f.serviceLevel)}</dd>
        </div>
        <div>
          <dt>{t.terugbelverzoeken}</dt>
          <dd data-figure="terugbelverzoeken">{f.terugbelverzoeken}</dd>
        </div>
      </dl>
      {/* How today's klantcontacten were afgehandeld, as the agents recorded it. */}
      <dl className="wallboard-today wallboard-afhandeling">
        {AFHANDELINGEN.map((a) => (
          <div key={a}>
            <dt>{labels[a]}</dt>
            <dd data-figure={`afhandeling-${a}`}>{afhandelingen[a]}</dd>
          </div>
        ))}
      </dl>
    </li>
  )
}
