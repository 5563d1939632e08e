import { useEffect, useRef, type KeyboardEvent } from 'react'
import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useMessages } from '../i18n/use-messages'
import { phoneMessages } from './messages'

/**
 * "Klant ophangen?" during a consult: hanging up the waiting customer ends the consult as well,
 * so it is asked first, with Annuleren focused (Enter on the dialog keeps the customer). Escape
 * cancels; the caller puts focus back.
 */
export function ConfirmHangup(props: { readonly onConfirm: () => void; readonly onCancel: () => void }) {
  const t = useMessages(phoneMessages).consult
  const cancel = useRef<HTMLButtonElement>(null)
  const confirm = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    cancel.current?.focus()
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      props.onCancel()
    } else if (event.key === 'Tab') {
      // Two buttons: Tab moves between them and never leaves the dialog.
      event.preventDefault()
      ;(document.activeElement === cancel.current ? confirm : cancel).current?.focus()
    }
  }

  return (
    <div className="phone-confirm-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-hangup-title"
        aria-describedby="confirm-hangup-text"
        className="utrecht-alert-dialog phone-confirm"
        onKeyDown={onKeyDown}
      >
        <div className="utrecht-alert-dialog__content">
          <Heading level={2} appearance="level-4" id="confirm-hangup-title">
            {t.confirmTitle}
          </Heading>
          <Paragraph id="confirm-hangup-text">{t.confirmText}</Paragraph>
          <div className="utrecht-button-group phone-confirm-actions">
            <Button ref={cancel} purpose="primary" onClick={props.onCancel}>
              {t.confirmNo}
            </Button>
            <Button ref={confirm} purpose="secondary" hint="negative" onClick={props.onConfirm}>
              {t.confirmYes}
            </Button>
          </div>
        </div>
      </div>
    </div>
  )
}
