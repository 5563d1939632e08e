import { useEffect, useState } from 'react'
import { useMessages } from '../i18n/use-messages'
import { createLogger } from '../log'
import { useServices } from '../services/context'
import { isTransferInProgress } from '../softphone/transfer/transfer-states'
import { useAppStore } from '../store'
import { klantcontactOfCall } from './call-klantcontact'
import { transferMessages } from './messages'
import { isPreparing } from './state'
import { TargetPicker } from './TargetPicker'
import { TransferProgress } from './TransferProgress'
import './transfer.css'

const log = createLogger('transfer-panel')

/** How often the picker asks for the colleagues' states while it is on screen. */
const DIRECTORY_REFRESH_MS = 3_000

/**
 * "Doorverbinden" in the workspace: the picker while the agent is in a call
 * with a customer, then the transfer's progress with its buttons, and after a failure the one-click
 * contactverzoek. Rendered only while there is something to show.
 */
export function TransferPanel() {
  const t = useMessages(transferMessages)
  const { transfers } = useServices()
  const call = useAppStore((s) => s.workspace.phone.call)
  const transfer = useAppStore((s) => s.workspace.phone.transfer)
  const intent = useAppStore((s) => s.transfer.intent)
  const directory = useAppStore((s) => s.workspace.directory)
  const liveAgents = useAppStore((s) => s.workspace.live.agents)
  const session = useAppStore((s) => s.workspace.session)
  const ownLogin = session.status === 'active' ? session.agent.login : ''
  const hasKlantcontact = useAppStore(
    (s) => call !== null && klantcontactOfCall(s, call.id, ownLogin).kind !== 'none',
  )
  const [failure, setFailure] = useState<string | undefined>()

  const ours = intent !== null && call !== null && intent.callId === call.id ? intent : null
  const established = call !== null && (call.state === 'active' || call.state === 'on_hold')
  const busy =
    ours !== null &&
    (isPreparing(ours.phase) || (ours.phase === 'handed' && isTransferInProgress(transfer?.state ?? null)))
  const picking = established && !busy

  useEffect(() => {
    if (!picking) {
      return
    }
    // The live hub streams an agent only its own state; the directory has everyone's, from the hub.
    transfers.refreshTargets()
    const timer = setInterval(() => transfers.refreshTargets(), DIRECTORY_REFRESH_MS)
    return () => clearInterval(timer)
  }, [picking, transfers])

  if (!established && ours === null) {
    return null
  }

  const run = (action: () => Promise<void>) => {
    setFailure(undefined)
    action().catch((error: unknown) => {
      log.warn({ error: String(error) }, 'transfer action failed')
      setFailure(t.refusals.dial_failed)
    })
  }

  return (
    <section className="panel transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t.title}</h2>
      {ours ? (
        <TransferProgress
          intent={ours}
          transfer={transfer}
          callerNumber={call?.remoteNumber}
          onComplete={() => run(() => transfers.complete())}
          onCancel={() => run(() => transfers.cancel())}
          onDismiss={() => transfers.dismiss()}
        />
      ) : null}
      {failure ? (
        <p role="alert" className="error">
          {failure}
        </p>
      ) : null}
      {picking && directory.status === 'ready' ? (
        <TargetPicker
          directory={directory.value}
          live={liveAgents}
          ownLogin={ownLogin}
          hasKlantcontact={hasKlantcontact}
          onTransfer={(target, kind) => {
            setFailure(undefined)
            void transfers.start(target, kind)
          }}
        />
      ) : null}
    </section>
  )
}
