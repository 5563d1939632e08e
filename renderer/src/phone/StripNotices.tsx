import { useState } from 'react'
import { Button } from '@nl-design-system-candidate/button-react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { transferMessages } from '../transfer/messages'
import { TransferOutcome } from '../transfer/TransferProgress'
import { transferView } from '../transfer/view'
import { callFailureOf } from './call-failure'
import { callParty } from './call-party'
import { phoneMessages } from './messages'

/**
 * The strip's second line when no consult is under way: what the agent must know about the phone
 * now. The phone not being connected (only then on screen); why the number the agent called was not reached (until the
 * next call or Sluiten); and, with the Doorverbinden dialog closed, how the transfer ended.
 */
export function StripNotices(props: { readonly failure: string | undefined }) {
  const t = useMessages(phoneMessages)
  const tt = useMessages(transferMessages)
  const { transfers } = useServices()
  const registration = useAppStore((s) => s.workspace.phone.registration)
  const call = useAppStore((s) => s.workspace.phone.call)
  const intent = useAppStore((s) => s.transfer.intent)
  const transfer = useAppStore((s) => s.workspace.phone.transfer)
  const dialogOpen = useAppStore((s) => s.transfer.dialogOpen)
  const directory = useAppStore((s) => s.workspace.directory)
  const [dismissed, setDismissed] = useState<string | undefined>()
  const view = transferView(call, intent, transfer)
  const reason = callFailureOf(call)
  const known = directory.status === 'ready' ? directory.value : undefined

  return (
    <div className="phone-notices">
      {/* Always there for assistive technology and the status tests; on screen only when not connected. */}
      <p
        role="status"
        className={
          registration === 'registered'
            ? 'phone-visually-hidden'
            : `phone-notice phone-registration registration-${registration}`
        }
      >
        {t.registration[registration]}
      </p>
      {call && reason !== undefined && dismissed !== call.id ? (
        <div role="status" className="phone-notice phone-call-failure">
          <p>{format(t.failure, { naam: callParty(call, known).name, reden: t.failureReasons[reason] })}</p>
          <Button purpose="subtle" onClick={() => setDismissed(call.id)}>
            {t.close}
          </Button>
        </div>
      ) : null}
      {!dialogOpen && view.intent?.phase === 'refused' ? (
        <div role="alert" className="phone-notice phone-transfer-outcome">
          <p>{view.intent.refusal ? tt.refusals[view.intent.refusal] : tt.refusals.dial_failed}</p>
          <Button purpose="subtle" onClick={() => transfers.dismiss()}>
            {t.close}
          </Button>
        </div>
      ) : null}
      {!dialogOpen &&
      view.intent &&
      view.transfer &&
      !view.consulting &&
      view.transfer.state !== 'completing' ? (
        <div className="phone-notice phone-transfer-outcome">
          <TransferOutcome intent={view.intent} transfer={view.transfer} t={tt} />
          <Button purpose="subtle" onClick={() => transfers.dismiss()}>
            {t.close}
          </Button>
        </div>
      ) : null}
      {props.failure ? (
        <p role="alert" className="phone-notice error">
          {props.failure}
        </p>
      ) : null}
    </div>
  )
}
