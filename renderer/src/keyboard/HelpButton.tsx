import { Button } from '@nl-design-system-candidate/button-react'
import { useMessages } from '../i18n/use-messages'
import { openHelp } from './help-state'
import { keyboardMessages } from './messages'
import { ariaKeyshortcuts, shortcutHint } from './shortcuts'

/** "Sneltoetsen (?)": opens the shortcut overlay, for the status bar. */
export function HelpButton() {
  const t = useMessages(keyboardMessages)
  return (
    <Button purpose="subtle" aria-keyshortcuts={ariaKeyshortcuts('help')} onClick={openHelp}>
      {t.openButton} <kbd className="kcc-kbd">{shortcutHint('help')}</kbd>
    </Button>
  )
}
