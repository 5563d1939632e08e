import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useState } from 'react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { createLogger } from '../log'
import { isKnownNumber } from '../ringing/ring-context'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { missedCallsMessages } from './messages'
import type { MissedCall } from './slice'
import './missed-calls.css'

const log = createLogger('missed-calls')

const parts = new Intl.DateTimeFormat('nl-NL', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** dd-mm-jjjj uu:mm, as the municipality writes a moment (Intl puts a comma between them). */
function formatMoment(ms: number): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.formatToParts(ms).find((p) => p.type === type)?.value ?? ''
  return `${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')}`
}

/**
 * "Gemiste oproepen": calls that rang here and nobody answered (missed-call-recorder.ts), newest
 * first, each with Terugbellen (the softphone dials the number) and Verwijderen. Terugbellen waits
 * while a call is on: the softphone has one call at a time.
 */
export function MissedCalls() {
  const t = useMessages(missedCallsMessages)
  const calls = useAppStore((s) => s.missedCalls.calls)
  const remove = useAppStore((s) => s.missedCalls.remove)
  const busy = useAppStore((s) => s.workspace.phone.call !== null && s.workspace.phone.call.state !== 'ended')
  const { softphone } = useServices()
  const [failed, setFailed] = useState(false)

  const callBack = (call: MissedCall): void => {
    if (busy || !isKnownNumber(call.number)) {
      return
    }
    setFailed(false)
    softphone.call(call.number).catch((error: unknown) => {
      // The number stays out of the log; the missed call's id finds it.
      log.warn({ id: call.id, error: String(error) }, 'call back failed')
      setFailed(true)
    })
  }

  return (
    <section className="missed-calls" aria-labelledby="missed-calls-title" data-testid="missed-calls">
      <Heading level={2} id="missed-calls-title">
        {calls.length > 0 ? format(t.titleWithCount, { aantal: calls.length }) : t.title}
      </Heading>
      {failed ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <Paragraph>{t.callBackFailed}</Paragraph>
        </div>
      ) : null}
      {calls.length === 0 ? (
        <Paragraph>{t.empty}</Paragraph>
      ) : (
        <>
          {busy ? <Paragraph className="missed-calls-note">{t.callBackBusy}</Paragraph> : null}
          <ul className="missed-calls-list">
            {calls.map((call) => {
              const known = isKnownNumber(call.number)
              const number = known ? call.number : t.unknownNumber
              const who = call.naam ?? number
              return (
                <li key={call.id} className="missed-calls-item">
                  <p className="missed-calls-who">
                    <strong>{who}</strong>
                    {call.naam !== undefined ? <span> · {number}</span> : null}
                  </p>
                  <p className="missed-calls-when">
                    <time dateTime={new Date(call.at).toISOString()}>{formatMoment(call.at)}</time>
                  </p>
                  <div className="missed-calls-actions">
                    {known ? (
                      <Button
                        purpose="secondary"
                        disabled={busy}
                        aria-label={format(t.callBackLabel, { beller: who })}
                        onClick={() => callBack(call)}
                      >
                        {t.callBack}
                      </Button>
                    ) : null}
                    <Button
                      purpose="subtle"
                      aria-label={format(t.removeLabel, { beller: who })}
                      onClick={() => remove(call.id)}
                    >
                      {t.remove}
                    </Button>
                  </div>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </section>
  )
}
