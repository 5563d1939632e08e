import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { FOCUS_TARGETS } from '../lib/focus-targets'
import { useServices } from '../services/context'
import type { CallSnapshot } from '../softphone/types'
import { useAppStore } from '../store'
import { TRANSFER_OPENER_ID } from '../transfer/TransferDialog'
import { offersTransfer } from '../transfer/view'
import { callParty } from './call-party'
import { CallRow } from './CallRow'
import { HangUpIcon, PauseIcon, PhoneIcon, PlayIcon, TransferIcon } from './icons'
import { phoneMessages } from './messages'
import { ShortcutButton } from './ShortcutButton'

type Messages = (typeof phoneMessages)['nl']

/**
 * The agent's one call (no consult under way): its state, who, how long, and its buttons. The
 * direction is said once, by the state ("Inkomend gesprek", "Bellen…").
 */
export function MainCall(props: {
  readonly call: CallSnapshot | null
  readonly run: (action: () => Promise<void> | void) => void
}) {
  const t = useMessages(phoneMessages)
  const { softphone } = useServices()
  const directory = useAppStore((s) => s.workspace.directory)
  const openDialog = useAppStore((s) => s.transfer.openDialog)
  const { run } = props
  // A ring a colleague answered ends quietly here, as if it never rang (RFC 3326 cause=200).
  const call = props.call?.state === 'ended' && props.call.answeredElsewhere === true ? null : props.call
  const known = directory.status === 'ready' ? directory.value : undefined
  const party = call && call.state !== 'idle' ? callParty(call, known) : undefined
  const since =
    call && call.state !== 'ended' && call.state !== 'idle' ? (call.answeredAt ?? call.startedAt) : undefined
  const talking =
    call !== null && (call.state === 'connecting' || call.state === 'active' || call.state === 'on_hold')

  return (
    <CallRow
      kind="call"
      label={t.title}
      state={stateText(call, t)}
      party={
        party ? (
          <span data-testid="call-remote" data-party={party.kind}>
            {party.name}
          </span>
        ) : undefined
      }
      {...(since !== undefined ? { since } : {})}
      timerLabel={t.duration}
      extra={
        call?.klantcontactnummer && call.state !== 'ended' ? (
          <span className="phone-row-note">{format(t.consultFor, { nummer: call.klantcontactnummer })}</span>
        ) : undefined
      }
    >
      {call?.state === 'ringing' ? (
        <>
          <ShortcutButton
            id={FOCUS_TARGETS.answer}
            purpose="primary"
            hint="positive"
            shortcut="answer"
            icon={<PhoneIcon />}
            onClick={() => run(() => softphone.answer())}
          >
            {t.answer}
          </ShortcutButton>
          <ShortcutButton
            purpose="secondary"
            hint="negative"
            shortcut="decline"
            onClick={() => run(() => softphone.decline())}
          >
            {t.decline}
          </ShortcutButton>
        </>
      ) : null}
      {call && talking ? (
        <>
          <ShortcutButton
            purpose="primary"
            hint="negative"
            shortcut="hangup"
            icon={<HangUpIcon />}
            onClick={() => run(() => softphone.hangup())}
          >
            {t.hangup}
          </ShortcutButton>
          {call.state === 'on_hold' ? (
            <ShortcutButton
              purpose="secondary"
              shortcut="hold"
              icon={<PlayIcon />}
              className="phone-held"
              onClick={() => run(() => softphone.resume())}
            >
              {t.resume}
            </ShortcutButton>
          ) : (
            <ShortcutButton
              purpose="secondary"
              shortcut="hold"
              icon={<PauseIcon />}
              disabled={call.state !== 'active'}
              onClick={() => {
                if (call.state === 'active') {
                  run(() => softphone.hold())
                }
              }}
            >
              {t.hold}
            </ShortcutButton>
          )}
          {offersTransfer(call, known) ? (
            <ShortcutButton
              id={TRANSFER_OPENER_ID}
              purpose="secondary"
              shortcut="transfer"
              icon={<TransferIcon />}
              onClick={() => openDialog()}
            >
              {t.transfer}
            </ShortcutButton>
          ) : null}
        </>
      ) : null}
    </CallRow>
  )
}

function stateText(call: CallSnapshot | null, t: Messages): string {
  switch (call?.state ?? 'idle') {
    case 'idle':
      return t.call.idle
    case 'ringing':
      return t.call.ringing
    case 'connecting':
      return call?.direction === 'outbound' ? t.call.dialling : t.call.connecting
    case 'active':
      return t.call.active
    case 'on_hold':
      return t.call.on_hold
    case 'ended':
      return t.call.ended
    default:
      return t.call.idle
  }
}
