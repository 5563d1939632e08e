import { useState } from 'react'
import { createPortal } from 'react-dom'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { FOCUS_TARGETS } from '../lib/focus-targets'
import { useServices } from '../services/context'
import type { TransferStep } from '../softphone/transfer/transfer-states'
import type { CallSnapshot, TransferSnapshot } from '../softphone/types'
import { useAppStore } from '../store'
import { callParty } from './call-party'
import { CallRow } from './CallRow'
import { ConfirmHangup } from './ConfirmHangup'
import { HangUpIcon, TransferIcon } from './icons'
import { phoneMessages } from './messages'
import { ShortcutButton } from './ShortcutButton'

const CUSTOMER_HANGUP_ID = 'phone-customer-hangup'

/**
 * Where the consult stands, from the softphone's transfer step (transfer-states.ts); a snapshot
 * without one is read from the states.
 */
function consultStep(transfer: TransferSnapshot, consult: CallSnapshot | null): TransferStep {
  if (transfer.step !== undefined) {
    return transfer.step
  }
  if (transfer.state === 'completing') {
    return 'referring'
  }
  return consult?.state === 'active' ? 'talking' : 'dialling'
}

/**
 * A warm transfer's two calls, each in its own row with its own buttons: the customer waiting on
 * hold (hanging them up is asked first, since it cuts them off), and the consult with the
 * colleague (Doorverbinden voltooien once they answer; ending the consult takes the agent back to
 * the customer). Alt+H ends the consult, never the customer.
 */
export function ConsultRows(props: {
  readonly call: CallSnapshot
  readonly consult: CallSnapshot | null
  readonly transfer: TransferSnapshot
  readonly run: (action: () => Promise<void> | void) => void
}) {
  const t = useMessages(phoneMessages)
  const c = t.consult
  const { softphone, transfers } = useServices()
  const directory = useAppStore((s) => s.workspace.directory)
  const intent = useAppStore((s) => s.transfer.intent)
  const [confirming, setConfirming] = useState(false)
  const { call, consult, transfer, run } = props
  const known = directory.status === 'ready' ? directory.value : undefined
  const naam =
    intent?.callId === call.id
      ? intent.target.naam
      : consult
        ? callParty(consult, known).name
        : transfer.target
  const step = consultStep(transfer, consult)
  const up = step === 'talking'
  const consultState = c.steps[step]
  const consultSince = consult?.answeredAt ?? consult?.startedAt

  return (
    <>
      <CallRow
        kind="customer"
        label={c.customer}
        state={c.customer}
        party={<span data-testid="call-remote">{call.remoteNumber}</span>}
        {...((call.answeredAt ?? call.startedAt) !== undefined
          ? { since: call.answeredAt ?? call.startedAt ?? 0 }
          : {})}
        timerLabel={t.duration}
      >
        <ShortcutButton
          id={CUSTOMER_HANGUP_ID}
          purpose="secondary"
          hint="negative"
          icon={<HangUpIcon />}
          onClick={() => setConfirming(true)}
        >
          {c.customerHangup}
        </ShortcutButton>
      </CallRow>
      <CallRow
        kind="consult"
        label={format(c.with, { naam })}
        state={format(c.with, { naam })}
        party={<span className="phone-row-consult-state">{consultState}</span>}
        {...(consultSince !== undefined ? { since: consultSince } : {})}
        timerLabel={t.duration}
      >
        <ShortcutButton
          id={FOCUS_TARGETS.consultComplete}
          purpose="primary"
          icon={<TransferIcon />}
          disabled={!up}
          onClick={() => {
            if (up) {
              run(() => transfers.complete())
            }
          }}
        >
          {c.complete}
        </ShortcutButton>
        {up ? (
          <ShortcutButton
            purpose="secondary"
            hint="negative"
            shortcut="hangup"
            icon={<HangUpIcon />}
            onClick={() => run(() => transfers.cancel())}
          >
            {c.hangup}
          </ShortcutButton>
        ) : (
          <ShortcutButton purpose="secondary" shortcut="hangup" onClick={() => run(() => transfers.cancel())}>
            {c.cancel}
          </ShortcutButton>
        )}
      </CallRow>
      {confirming
        ? createPortal(
            <ConfirmHangup
              onCancel={() => {
                setConfirming(false)
                document.getElementById(CUSTOMER_HANGUP_ID)?.focus()
              }}
              onConfirm={() => {
                setConfirming(false)
                run(() => softphone.hangup())
              }}
            />,
            document.body,
          )
        : null}
    </>
  )
}
