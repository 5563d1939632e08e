import { Button } from '@nl-design-system-candidate/button-react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { ContactverzoekForm } from './ContactverzoekForm'
import { missingCaseError } from '../lib/missing-case'
import type { TransferSnapshot } from '../softphone/types'
import { transferMessages } from './messages'
import type { TransferIntent } from './state'

type Messages = (typeof transferMessages)['nl']

/**
 * Where the transfer stands, in the Doorverbinden dialog: the steps before the colleague's phone
 * rings (intent), then the softphone's transfer (completing, and how it ended). Every step that
 * waits on something has Annuleren. A failed transfer offers the contactverzoek for the afdeling or
 * colleague that could not take the call. The consult itself is in the phone strip, with both calls.
 */
export function TransferProgress(props: {
  readonly intent: TransferIntent
  readonly transfer: TransferSnapshot | null
  readonly callerNumber: string | undefined
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
        <div className="transfer-status" data-phase={intent.phase}>
          <p role="status">{format(t.phases[intent.phase], { naam })}</p>
          <Button purpose="secondary" onClick={props.onCancel}>
            {t.annuleren}
          </Button>
        </div>
      )
    case 'refused':
      return (
        <div
          role="alert"
          className="utrecht-alert utrecht-alert--error kc-alert transfer-status"
          data-phase="refused"
        >
          <p>{intent.refusal ? t.refusals[intent.refusal] : t.refusals.dial_failed}</p>
          {intent.detail ? <p>{intent.detail}</p> : null}
          <Button purpose="secondary" onClick={props.onDismiss}>
            {t.sluiten}
          </Button>
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
  readonly onCancel: () => void
  readonly onDismiss: () => void
  readonly t: Messages
}) {
  const { intent, transfer, t } = props
  const naam = intent.target.naam
  switch (transfer.state) {
    case 'consulting':
      return (
        <div className="transfer-status" data-phase="consulting">
          <p role="status">{format(t.consultRinging, { naam })}</p>
          <Button purpose="secondary" onClick={props.onCancel}>
            {t.annuleren}
          </Button>
        </div>
      )
    case 'completing':
      return (
        <div className="transfer-status" data-phase="completing">
          <p role="status">
            {format(transfer.kind === 'blind' ? t.blindCompleting : t.completing, { naam })}
          </p>
          <Button purpose="secondary" onClick={props.onCancel}>
            {t.annuleren}
          </Button>
        </div>
      )
    case 'completed':
      return (
        <div className="transfer-status" data-phase="completed">
          <TransferOutcome intent={intent} transfer={transfer} t={t} />
          <Button purpose="secondary" onClick={props.onDismiss}>
            {t.sluiten}
          </Button>
        </div>
      )
    case 'cancelled':
      return (
        <div className="transfer-status" data-phase="cancelled">
          <TransferOutcome intent={intent} transfer={transfer} t={t} />
          <Button purpose="secondary" onClick={props.onDismiss}>
            {t.sluiten}
          </Button>
        </div>
      )
    case 'failed':
      return (
        <div className="transfer-status" data-phase="failed">
          <TransferOutcome intent={intent} transfer={transfer} t={t} />
          {intent.klantcontact ? (
            <ContactverzoekForm
              klantcontactUuid={intent.klantcontact.uuid}
              target={{ type: intent.target.type, id: intent.target.id, naam }}
              onderwerp={intent.klantcontact.onderwerp}
              {...(props.callerNumber !== undefined ? { callerNumber: props.callerNumber } : {})}
            />
          ) : null}
          <Button purpose="secondary" onClick={props.onDismiss}>
            {t.sluiten}
          </Button>
        </div>
      )
    default:
      throw missingCaseError(transfer.state)
  }
}

/** How a transfer ended, in words (the dialog and the phone strip both say it). */
export function TransferOutcome(props: {
  readonly intent: TransferIntent
  readonly transfer: TransferSnapshot
  readonly t: Messages
}) {
  const { intent, transfer, t } = props
  const naam = intent.target.naam
  switch (transfer.state) {
    case 'completed':
      return (
        <div role="status">
          <p>{format(t.completed, { naam })}</p>
          {intent.klantcontact ? (
            <p>{format(t.completedKlantcontact, { nummer: intent.klantcontact.nummer })}</p>
          ) : null}
        </div>
      )
    case 'cancelled':
      return <p role="status">{format(t.cancelled, { naam })}</p>
    case 'failed': {
      const reason = transfer.reason ?? 'failed'
      return (
        <div role="alert" className="utrecht-alert utrecht-alert--error kc-alert">
          <p>{format(t.failed, { naam, reden: t.reasons[reason] })}</p>
          {reason !== 'customer_hung_up' ? <p>{t.terugBijKlant}</p> : null}
        </div>
      )
    }
    case 'consulting':
    case 'completing':
      return null
    default:
      throw missingCaseError(transfer.state)
  }
}
