import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { ContactverzoekForm } from './ContactverzoekForm'
import { missingCaseError } from '../lib/missing-case'
import type { TransferSnapshot } from '../softphone/types'
import { useAppStore } from '../store'
import { transferMessages } from './messages'
import type { TransferIntent } from './state'

type Messages = (typeof transferMessages)['nl']

/**
 * Where the transfer stands: the steps before the colleague's phone rings (intent), then the
 * softphone's transfer (consulting, completing, and how it ended). A failed transfer offers the
 * contactverzoek for the afdeling or colleague that could not take the call.
 */
export function TransferProgress(props: {
  readonly intent: TransferIntent
  readonly transfer: TransferSnapshot | null
  readonly callerNumber: string | undefined
  readonly onComplete: () => void
  readonly onCancel: () => void
  readonly onDismiss: () => void
}) {
  const t = useMessages(transferMessages)
  const { intent, transfer } = props
  const naam = intent.target.naam
  switch (intent.phase) {
    case 'saving':
    case 'announcing':
    case 'dialling':
      return (
        <p role="status" className="transfer-status" data-phase={intent.phase}>
          {format(t.phases[intent.phase], { naam })}
        </p>
      )
    case 'refused':
      return (
        <div role="alert" className="kc-alert transfer-status" data-phase="refused">
          <p>{intent.refusal ? t.refusals[intent.refusal] : t.refusals.dial_failed}</p>
          {intent.detail ? <p>{intent.detail}</p> : null}
          <button type="button" onClick={props.onDismiss}>
            {t.sluiten}
          </button>
        </div>
      )
    case 'handed':
      return transfer ? <Handed {...props} transfer={transfer} t={t} /> : null
    default:
      throw missingCaseError(intent.phase)
  }
}

function Handed(props: {
  readonly intent: TransferIntent
  readonly transfer: TransferSnapshot
  readonly callerNumber: string | undefined
  readonly onComplete: () => void
  readonly onCancel: () => void
  readonly onDismiss: () => void
  readonly t: Messages
}) {
  const { intent, transfer, t } = props
  const consult = useAppStore((s) => s.workspace.phone.consult)
  const naam = intent.target.naam
  switch (transfer.state) {
    case 'consulting': {
      const up = consult?.state === 'active'
      return (
        <div className="transfer-status" data-phase="consulting">
          <p role="status">
            {format(up ? t.consultActive : t.consultRinging, { naam })} {t.klantInDeWacht}
          </p>
          <div className="call-controls">
            <button type="button" className="primary" disabled={!up} onClick={props.onComplete}>
              {t.voltooien}
            </button>
            <button type="button" onClick={props.onCancel}>
              {t.annuleren}
            </button>
          </div>
        </div>
      )
    }
    case 'completing':
      return (
        <p role="status" className="transfer-status" data-phase="completing">
          {format(transfer.kind === 'blind' ? t.blindCompleting : t.completing, { naam })}
        </p>
      )
    case 'completed':
      return (
        <div role="status" className="transfer-status" data-phase="completed">
          <p>{format(t.completed, { naam })}</p>
          {intent.klantcontact ? (
            <p>{format(t.completedKlantcontact, { nummer: intent.klantcontact.nummer })}</p>
          ) : null}
        </div>
      )
    case 'cancelled':
      return (
        <div role="status" className="transfer-status" data-phase="cancelled">
          <p>{format(t.cancelled, { naam })}</p>
          <button type="button" onClick={props.onDismiss}>
            {t.sluiten}
          </button>
        </div>
      )
    case 'failed': {
      const reason = transfer.reason ?? 'failed'
      return (
        <div className="transfer-status" data-phase="failed">
          <div role="alert" className="kc-alert">
            <p>{format(t.failed, { naam, reden: t.reasons[reason] })}</p>
            {reason !== 'customer_hung_up' ? <p>{t.terugBijKlant}</p> : null}
          </div>
          {intent.klantcontact ? (
            <ContactverzoekForm
              klantcontactUuid={intent.klantcontact.uuid}
              target={{ type: intent.target.type, id: intent.target.id, naam }}
              onderwerp={intent.klantcontact.onderwerp}
              {...(props.callerNumber !== undefined ? { callerNumber: props.callerNumber } : {})}
            />
          ) : null}
          <button type="button" onClick={props.onDismiss}>
            {t.sluiten}
          </button>
        </div>
      )
    }
    default:
      throw missingCaseError(transfer.state)
  }
}
