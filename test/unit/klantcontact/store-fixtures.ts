import type { KlantcontactView } from '../../../shared/gateway/api'
import { memoryStorage } from '../../../renderer/src/klantcontact/persistence'
import { createLogger, type Logger } from '../../../renderer/src/log'
import { createAppStore, type AppStore } from '../../../renderer/src/store'
import { AGENT, RING } from './fixtures'

export type MemoryStorage = ReturnType<typeof memoryStorage>

/** The real store over an in-memory localStorage; a second call with the same storage is a reload. */
export function storeOver(storage: MemoryStorage = memoryStorage()): {
  store: AppStore
  storage: MemoryStorage
} {
  return { store: createAppStore({ storage }), storage }
}

export const quietLogger: Logger = createLogger('test', () => undefined)

let calls = 0

/** A call's draft with an onderwerp, saved (queued) by the agent; answers its id. */
export function queueDraft(store: AppStore, onderwerp = 'Afvalpas kwijt'): string {
  const actions = store.getState().klantcontact
  calls++
  const id = actions.openForCall({
    agentLogin: AGENT,
    callId: `call-${calls}`,
    callerNumber: '0612345678',
    at: RING,
  })
  actions.update(id, { onderwerp })
  if (!actions.requestSave(id, RING)) {
    throw new Error('draft did not validate')
  }
  return id
}

export function viewOf(nummer: string): KlantcontactView {
  return {
    uuid: `9c1d4f3e-0000-4000-8000-${nummer.padStart(12, '0')}`,
    nummer,
    referentienummer: null,
    kanaal: 'Telefoon',
    onderwerp: 'Afvalpas kwijt',
    inhoud: '',
    reactie: null,
    taal: 'nld',
    vertrouwelijk: false,
    indicatieContactGelukt: true,
    plaatsgevondenOp: new Date(RING).toISOString(),
    betrokkenen: [],
    actoren: [],
    afgeschermd: false,
  }
}
