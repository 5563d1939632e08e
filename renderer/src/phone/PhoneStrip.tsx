import { useState } from 'react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { createLogger } from '../log'
import { useAppStore } from '../store'
import { TransferDialog } from '../transfer/TransferDialog'
import { transferView } from '../transfer/view'
import { ConsultRows } from './ConsultRows'
import { MainCall } from './MainCall'
import { phoneMessages } from './messages'
import { PhoneTools } from './PhoneTools'
import { StripNotices } from './StripNotices'
import './phone.css'

const log = createLogger('phone-strip')

/**
 * The softphone as a compact strip under the status bar, always in view and the same height in
 * every call state: the call (or, during a consult, the customer and the colleague, each with its
 * own buttons), then what the agent must know (the phone not connected, why a call failed, how a
 * transfer ended), and on the right the microphone, keypad, dialling and sound devices. React only
 * renders the softphone's snapshot and calls its verbs; sip.js stays inside the service.
 */
export function PhoneStrip() {
  const t = useMessages(phoneMessages)
  const phone = useAppStore((s) => s.workspace.phone)
  const intent = useAppStore((s) => s.transfer.intent)
  const [failure, setFailure] = useState<string | undefined>()

  const run = (action: () => Promise<void> | void) => {
    setFailure(undefined)
    Promise.resolve()
      .then(action)
      .catch((error: unknown) => {
        log.warn({ error: String(error) }, 'phone action failed')
        setFailure(format(t.actionFailed, { reden: error instanceof Error ? error.message : String(error) }))
      })
  }

  const call = phone.call
  const view = transferView(call, intent, phone.transfer)

  return (
    <section className="phone-strip" aria-labelledby="phone-title" data-registration={phone.registration}>
      <h2 id="phone-title" className="phone-strip-title">
        {t.title}
      </h2>
      <div className="phone-calls" aria-live="polite">
        {view.consulting && call && phone.transfer ? (
          <ConsultRows call={call} consult={phone.consult} transfer={phone.transfer} run={run} />
        ) : (
          <>
            <MainCall call={call} run={run} />
            <StripNotices failure={failure} />
          </>
        )}
        {view.consulting && failure ? (
          <p role="alert" className="phone-notice error">
            {failure}
          </p>
        ) : null}
      </div>
      <PhoneTools run={run} />
      <TransferDialog />
    </section>
  )
}
