import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react'
import { Button, type ButtonProps } from '@nl-design-system-candidate/button-react'
import { ariaKeyshortcuts, shortcutHint, type ShortcutAction } from '../keyboard/shortcuts'

/**
 * An NL Design System button with its keyboard shortcut: `aria-keyshortcuts` for assistive
 * technology and the hint visibly inside it (hidden from the accessible name, which stays the
 * label the agent reads).
 */
export const ShortcutButton = forwardRef<
  HTMLButtonElement,
  Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & {
    readonly purpose?: 'primary' | 'secondary' | 'subtle'
    readonly hint?: 'positive' | 'negative'
    readonly pressed?: boolean
    readonly toggle?: boolean
    readonly shortcut?: ShortcutAction
    readonly icon?: ReactNode
    readonly children: ReactNode
  }
>(function ShortcutButton({ shortcut, icon, children, ...rest }, ref) {
  const content = (
    <>
      {icon ? (
        <span className="phone-icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <span>{children}</span>
      {shortcut ? (
        <kbd className="shortcut-hint" aria-hidden="true">
          {shortcutHint(shortcut)}
        </kbd>
      ) : null}
    </>
  )
  // The package's props are a union (disabled or htmlDisabled, hint only with a purpose) that a
  // spread cannot narrow; these are plain button attributes plus purpose, hint, pressed, toggle.
  const props = {
    ...rest,
    ...(shortcut ? { 'aria-keyshortcuts': ariaKeyshortcuts(shortcut) } : {}),
    children: content,
  } as unknown as ButtonProps
  return <Button ref={ref} {...props} />
})
