import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { CallerPicture } from '../caller-picture/CallerPicture'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { shortcutHint } from '../keyboard/shortcuts'
import { useNow } from '../lib/use-now'
import { formatDuration } from '../phone/CallTimer'
import type { CallSnapshot } from '../softphone/types'
import { useAppStore } from '../store'
import { ringingMessages } from './messages'
import { afdelingOf, colleagueOf, isKnownNumber, waitingSince } from './ring-context'
import './ringing.css'

/**
 * A ringing call before anyone answered, in the case column: the number, a known partij and the
 * caller's picture (looked up at ring, ringing/caller-lookup.ts), how long the caller has waited and whether the call came
 * through an afdeling. No draft yet: a group call rings several agents, and the klantcontact opens
 * for the one who answers (klantcontact/screen-pop.ts). Opnemen itself is in the phone strip; this
 * says its shortcut.
 */
export function RingingCall({ call }: { readonly call: CallSnapshot }) {
  const t = useMessages(ringingMessages)
  const caller = useAppStore((s) => s.ringing.callers[call.id])
  const directory = useAppStore((s) =>
    s.workspace.directory.status === 'ready' ? s.workspace.directory.value : undefined,
  )
  const afdeling = afdelingOf(call, directory)
  const queue = useAppStore((s) =>
    afdeling === undefined ? undefined : s.workspace.live.queues.find((q) => q.afdeling === afdeling.id),
  )
  const colleague = colleagueOf(call, directory)
  const known = isKnownNumber(call.remoteNumber)
  const callerText =
    colleague !== undefined
      ? format(t.colleague, { naam: colleague.displayName })
      : caller?.lookup === 'known' && caller.partij !== undefined
        ? caller.partij.naam
        : caller?.lookup === 'looking'
          ? t.looking
          : t.unknownCaller

  return (
    <section className="ringing-call" aria-labelledby="ringing-call-title" data-testid="ringing-call">
      <Heading level={2} id="ringing-call-title">
        {t.title}
      </Heading>
      <dl className="ringing-call-details">
        <div className="ringing-call-item">
          <dt>{t.number}</dt>
          <dd data-testid="ringing-number">{known ? call.remoteNumber : t.unknownNumber}</dd>
        </div>
        <div className="ringing-call-item">
          <dt>{t.caller}</dt>
          <dd data-testid="ringing-caller">{callerText}</dd>
        </div>
        <div className="ringing-call-item">
          <dt>{t.waiting}</dt>
          <dd>
            <WaitingTime call={call} queue={queue} />
          </dd>
        </div>
        <div className="ringing-call-item">
          <dt>{t.via}</dt>
          <dd data-testid="ringing-via">
            {afdeling !== undefined ? format(t.viaAfdeling, { afdeling: afdeling.naam }) : t.direct}
          </dd>
        </div>
      </dl>
      {colleague === undefined && known ? <CallerPicture caller={caller} level={3} /> : null}
      <Paragraph className="ringing-call-hint">
        {t.answerHint}: <kbd>{shortcutHint('answer')}</kbd>
      </Paragraph>
      <Paragraph className="ringing-call-note">{t.noCaseYet}</Paragraph>
    </section>
  )
}

/** Ticks every second; not a live region, or a screen reader would read it out every second. */
function WaitingTime(props: {
  readonly call: CallSnapshot
  readonly queue: Parameters<typeof waitingSince>[1]
}) {
  const now = useNow()
  const since = waitingSince(props.call, props.queue, now)
  return <span data-testid="ringing-waiting">{formatDuration(Math.max(0, now - since))}</span>
}
