import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { useMessages } from '../i18n/use-messages'
import { FOCUS_TARGETS, focusTarget } from '../lib/focus-targets'
import { createLogger } from '../log'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { klantcontactOfCall } from './call-klantcontact'
import { TransferAbortedError } from './slice'
import type { TransferIntent } from './state'
import { transferMessages } from './messages'
import { TargetPicker } from './TargetPicker'
import { TransferProgress } from './TransferProgress'
import { useDialogFollowsTransfer } from './use-dialog-follows-transfer'
import { transferView } from './view'
import './transfer.css'

const log = createLogger('transfer-dialog')

/** How often the picker asks for the colleagues' states while it is on screen. */
const DIRECTORY_REFRESH_MS = 3_000

/** The strip's Doorverbinden button: focus goes back there when the dialog closes. */
export const TRANSFER_OPENER_ID = 'phone-transfer'

/**
 * "Doorverbinden" as a side sheet over the right edge (it does not move the case column): the
 * picker while the agent is in a call with a customer, the steps of the transfer with Annuleren,
 * and how it ended, with the one-click contactverzoek after a failure. The consult itself is in the
 * phone strip, so the sheet closes while the colleague is consulted and opens again if the
 * transfer fails. Escape or Sluiten closes it; focus returns to the strip.
 */
export function TransferDialog() {
  useDialogFollowsTransfer()
  const open = useAppStore((s) => s.transfer.dialogOpen)
  const call = useAppStore((s) => s.workspace.phone.call)
  const intent = useAppStore((s) => s.transfer.intent)
  const transfer = useAppStore((s) => s.workspace.phone.transfer)
  const view = transferView(call, intent, transfer)
  const shown = open && !view.consulting && (view.picking || view.intent !== null)
  // In a portal: the sheet lies over the page and is no part of the phone strip it opens from.
  return shown ? createPortal(<TransferSheet />, document.body) : null
}

function TransferSheet() {
  const t = useMessages(transferMessages)
  const { transfers } = useServices()
  const call = useAppStore((s) => s.workspace.phone.call)
  const transfer = useAppStore((s) => s.workspace.phone.transfer)
  const intent = useAppStore((s) => s.transfer.intent)
  const choice = useAppStore((s) => s.transfer.choice)
  const actions = useAppStore((s) => s.transfer)
  const directory = useAppStore((s) => s.workspace.directory)
  const liveAgents = useAppStore((s) => s.workspace.live.agents)
  const session = useAppStore((s) => s.workspace.session)
  const ownLogin = session.status === 'active' ? session.agent.login : ''
  const hasKlantcontact = useAppStore(
    (s) => call !== null && klantcontactOfCall(s, call.id, ownLogin).kind !== 'none',
  )
  const [failure, setFailure] = useState<string | undefined>()
  const sheet = useRef<HTMLDivElement>(null)
  const view = transferView(call, intent, transfer)
  const picking = view.picking

  useEffect(() => {
    if (!focusTarget('transferFirst')) {
      sheet.current?.focus()
    }
    return () => {
      // Back to where the agent was: the strip's Doorverbinden, else the consult's controls.
      if (!focusById(TRANSFER_OPENER_ID) && !focusTarget('consultComplete')) {
        focusTarget('caseHeading')
      }
    }
  }, [])

  useEffect(() => {
    if (!picking) {
      return
    }
    // The live hub streams an agent only its own state; the directory has everyone's, from the hub.
    transfers.refreshTargets()
    const timer = setInterval(() => transfers.refreshTargets(), DIRECTORY_REFRESH_MS)
    return () => clearInterval(timer)
  }, [picking, transfers])

  // Annuleren: before the softphone has it, the transfer service stops at its next step; once
  // the colleague is being called, the softphone hangs the consult up and resumes the customer.
  const cancel = (current: TransferIntent | null) => {
    if (!current) {
      return
    }
    if (current.phase === 'saving' || current.phase === 'announcing') {
      actions.abort(current.callId)
      return
    }
    setFailure(undefined)
    transfers.cancel().catch((error: unknown) => {
      if (!actions.abort(current.callId)) {
        log.warn({ error: String(error) }, 'cancelling the transfer refused')
        setFailure(t.refusals.dial_failed)
      }
    })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      actions.closeDialog()
    } else if (event.key === 'Tab' && sheet.current) {
      keepFocusInside(sheet.current, event)
    }
  }

  const callId = call?.id ?? ''
  const chosen = choice?.callId === callId ? choice : undefined

  return (
    <div className="transfer-sheet-backdrop">
      <div
        ref={sheet}
        role="dialog"
        aria-modal="true"
        aria-labelledby="transfer-title"
        tabIndex={-1}
        className="utrecht-drawer utrecht-drawer--inline-end transfer-sheet"
        onKeyDown={onKeyDown}
      >
        <div className="transfer-sheet-header">
          <Heading level={2} id="transfer-title">
            {t.title}
          </Heading>
          <Button
            purpose="subtle"
            id={picking ? undefined : FOCUS_TARGETS.transferFirst}
            onClick={() => actions.closeDialog()}
          >
            {t.dialogSluiten}
          </Button>
        </div>
        {view.intent ? (
          <TransferProgress
            intent={view.intent}
            transfer={view.transfer}
            callerNumber={call?.remoteNumber}
            onCancel={() => cancel(view.intent)}
            onDismiss={() => transfers.dismiss()}
          />
        ) : null}
        {failure ? (
          <p role="alert" className="utrecht-form-field-error-message error">
            {failure}
          </p>
        ) : null}
        {picking && directory.status === 'ready' ? (
          <TargetPicker
            directory={directory.value}
            live={liveAgents}
            ownLogin={ownLogin}
            hasKlantcontact={hasKlantcontact}
            chosen={chosen?.key}
            kind={chosen?.kind ?? 'warm'}
            onChoose={(change) => actions.choose({ callId, ...change })}
            onTransfer={(target, kind) => {
              setFailure(undefined)
              transfers.start(target, kind).catch((error: unknown) => {
                if (!(error instanceof TransferAbortedError)) {
                  log.warn({ error: String(error) }, 'transfer stopped')
                }
              })
            }}
          />
        ) : null}
      </div>
    </div>
  )
}

function focusById(id: string): boolean {
  const element = document.getElementById(id)
  if (element instanceof HTMLElement) {
    element.focus()
    return document.activeElement === element
  }
  return false
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'

/** Tab and Shift+Tab wrap around inside the dialog (it is modal). */
function keepFocusInside(container: HTMLElement, event: KeyboardEvent<HTMLElement>): void {
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)]
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  if (!first || !last) {
    event.preventDefault()
    return
  }
  if (event.shiftKey && (document.activeElement === first || document.activeElement === container)) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
}
