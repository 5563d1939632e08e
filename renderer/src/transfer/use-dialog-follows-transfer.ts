import { useEffect, useRef } from 'react'
import { useAppStore } from '../store'
import { transferView } from './view'

/**
 * The Doorverbinden dialog follows the transfer: it closes when the consult starts (the strip shows
 * both calls and their buttons), when the klantcontact first needs its fields filled in (focus goes
 * to the form), and when the call ends with nothing to say about a transfer; it opens again when
 * the transfer fails, for the reason and the contactverzoek.
 */
export function useDialogFollowsTransfer(): void {
  const call = useAppStore((s) => s.workspace.phone.call)
  const intent = useAppStore((s) => s.transfer.intent)
  const transfer = useAppStore((s) => s.workspace.phone.transfer)
  const view = transferView(call, intent, transfer)
  const consulting = view.consulting
  const failed = view.transfer?.state === 'failed' ? view.transfer.startedAt : undefined
  const invalid = view.intent?.phase === 'refused' && view.intent.refusal === 'klantcontact_invalid'
  const nothing = !view.picking && view.intent === null && !consulting
  const seenFailure = useRef<number | undefined>(undefined)

  useEffect(() => {
    const { dialogOpen, closeDialog } = useAppStore.getState().transfer
    if (dialogOpen && (consulting || invalid || nothing)) {
      closeDialog()
    }
  }, [consulting, invalid, nothing])

  useEffect(() => {
    if (failed !== undefined && seenFailure.current !== failed) {
      seenFailure.current = failed
      useAppStore.getState().transfer.openDialog()
    }
  }, [failed])
}
