import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { Button } from '@nl-design-system-candidate/button-react'

/**
 * A button that shows a small panel under it (the keypad, dialling, the sound devices), over the
 * page so nothing below moves. Escape closes it and focus returns to the button; moving focus out
 * of it closes it too. Its first field takes focus when it opens. Open or closed is the owner's.
 */
export function Popover(props: {
  readonly label: string
  readonly open: boolean
  readonly onOpenChange: (open: boolean) => void
  readonly disabled?: boolean
  readonly children: ReactNode
}) {
  const panelId = useId()
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const shown = props.open && !props.disabled

  useEffect(() => {
    if (!shown) {
      return
    }
    panel.current?.querySelector<HTMLElement>('input, select, button')?.focus()
    const current = panel.current
    const back = button.current
    return () => {
      // Closed with focus inside (Escape, a dial): back to the button, never to the page.
      if (
        current &&
        document.activeElement &&
        (current.contains(document.activeElement) || document.activeElement === document.body)
      ) {
        back?.focus()
      }
    }
  }, [shown])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && shown) {
      event.stopPropagation()
      props.onOpenChange(false)
    }
  }

  return (
    <div
      className="phone-popover"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        const next = event.relatedTarget
        if (shown && next instanceof Node && !event.currentTarget.contains(next)) {
          props.onOpenChange(false)
        }
      }}
    >
      <Button
        ref={button}
        purpose="secondary"
        aria-expanded={shown}
        aria-controls={panelId}
        disabled={props.disabled}
        onClick={() => {
          if (!props.disabled) {
            props.onOpenChange(!props.open)
          }
        }}
      >
        {props.label}
      </Button>
      <div ref={panel} id={panelId} className="phone-popover-panel" hidden={!shown}>
        {shown ? props.children : null}
      </div>
    </div>
  )
}
