import { CallerCall, type CallStatus } from './call'
import { createLogger } from './log'
import { problemWith, settingsFrom } from './settings'

/**
 * The caller page (demos and tests, not part of the packaged app): a citizen's phone that dials
 * the KCC group address over SIP over WebSocket. Fields, status line and keypad; the account and
 * defaults come from the page's address (settings.ts).
 */
const log = createLogger('caller')

const TEXT: Readonly<Record<CallStatus['state'], string>> = {
  verbinden: 'Verbinden…',
  'in-wachtrij': 'U staat in de wachtrij',
  'gaat-over': 'Gaat over',
  'in-gesprek': 'In gesprek',
  beeindigd: 'Beëindigd',
  mislukt: 'Mislukt',
}
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id)
  if (!(found instanceof type)) {
    throw new Error(`caller page: #${id} is missing`)
  }
  return found
}

const form = element('bellen-formulier', HTMLFormElement)
const server = element('server', HTMLInputElement)
const target = element('bel-naar', HTMLInputElement)
const callButton = element('bellen', HTMLButtonElement)
const hangUpButton = element('ophangen', HTMLButtonElement)
const status = element('status', HTMLElement)
const keypad = element('toetsen', HTMLElement)
const audio = element('geluid', HTMLAudioElement)

const initial = settingsFrom(location.search, location)
server.value = initial.server
target.value = initial.target

let call: CallerCall | undefined

function show(next: CallStatus): void {
  status.dataset['state'] = next.state
  status.textContent = next.state === 'mislukt' ? `${TEXT.mislukt}: ${next.reason}` : TEXT[next.state]
  const active =
    next.state === 'verbinden' ||
    next.state === 'in-wachtrij' ||
    next.state === 'gaat-over' ||
    next.state === 'in-gesprek'
  callButton.disabled = active
  hangUpButton.disabled = !active
  server.disabled = active
  target.disabled = active
  for (const key of keypad.querySelectorAll('button')) {
    key.disabled = next.state !== 'in-gesprek'
  }
}

for (const key of KEYS) {
  const button = document.createElement('button')
  button.type = 'button'
  button.textContent = key
  button.disabled = true
  button.addEventListener('click', () => call?.sendDtmf(key))
  keypad.append(button)
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  if (call && !call.ended) {
    return
  }
  const settings = { ...initial, server: server.value.trim(), target: target.value.trim() }
  const problem = problemWith(settings)
  if (problem) {
    show({ state: 'mislukt', reason: problem })
    return
  }
  delete status.dataset['transferred']
  call = CallerCall.start(settings, {
    audio,
    log,
    onStatus: show,
    // For tests and demos: the call now goes on with whom the agent transferred it to.
    onTransferred: () => {
      status.dataset['transferred'] = 'true'
    },
  })
})

hangUpButton.addEventListener('click', () => call?.hangUp())
window.addEventListener('pagehide', () => call?.hangUp())
