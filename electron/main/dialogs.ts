import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron'
import type { DialConfirmation } from './protocol-links'
import type { CloseChoice } from './window-close'

/**
 * The desktop shell's questions to the agent, as native dialogs: they must work while the page is
 * hidden in the tray or still logging in, and a page cannot fake or skip them. Dutch, like the UI.
 */

function show(window: BrowserWindow | undefined, options: MessageBoxOptions) {
  return window === undefined ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options)
}

export async function askToDial(
  window: BrowserWindow | undefined,
  target: string,
): Promise<DialConfirmation> {
  const { response, checkboxChecked } = await show(window, {
    type: 'question',
    title: 'Bellen',
    message: `${target} bellen?`,
    detail: 'Een andere toepassing vraagt de KCC Werkplek dit nummer te bellen.',
    buttons: ['Bellen', 'Annuleren'],
    defaultId: 0,
    cancelId: 1,
    checkboxLabel: 'Niet meer vragen bij een telefoonlink',
    checkboxChecked: false,
  })
  return { dial: response === 0, stopAsking: checkboxChecked }
}

export async function askOnClose(window: BrowserWindow | undefined): Promise<CloseChoice> {
  const { response } = await show(window, {
    type: 'question',
    title: 'KCC Werkplek sluiten',
    message: 'U bent nog aangemeld.',
    detail:
      'In het systeemvak blijft u bereikbaar en ziet u uw status. Afsluiten meldt u af bij de telefonie.',
    buttons: ['In systeemvak houden', 'Afsluiten', 'Annuleren'],
    defaultId: 0,
    cancelId: 2,
  })
  return response === 0 ? 'tray' : response === 1 ? 'quit' : 'cancel'
}

export function tellLinkRefused(window: BrowserWindow | undefined): void {
  void show(window, {
    type: 'warning',
    title: 'Link niet geopend',
    message: 'Deze link kan de KCC Werkplek niet openen.',
    detail:
      'Alleen een telefoonnummer, een SIP-adres van het eigen domein of een klantcontactnummer wordt geopend.',
    buttons: ['OK'],
  })
}
