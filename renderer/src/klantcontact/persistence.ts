import { createJSONStorage, type PersistOptions, type StateStorage } from 'zustand/middleware'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'
import type { KlantcontactDraft } from './draft'
import { parseDraft } from './persisted-draft'

const log = createLogger('klantcontact:persist')

/**
 * "Never lose a contact" (docs/agent-app.md): the drafts live in localStorage from the first
 * keystroke until the gateway confirms them. localStorage writes are synchronous, so a reload or a
 * crash of the renderer right after a keystroke keeps it; the store is the one writer (zustand
 * `persist`).
 *
 * Only `klantcontact.drafts` and `activeId` are kept. A saved draft keeps its nummer but not its
 * content: the register has that now, and a PC's profile should hold no more personal data than it
 * needs (AVG art. 5(1)(c), data minimisation).
 */
export const PERSIST_KEY = 'kcc.klantcontact.v1'
export const PERSIST_VERSION = 1

export interface PersistedState {
  readonly klantcontact: {
    readonly drafts: Readonly<Record<string, KlantcontactDraft>>
    readonly activeId: string | null
  }
}

export function partialize(state: StoreState): PersistedState {
  const drafts: Record<string, KlantcontactDraft> = {}
  for (const [id, draft] of Object.entries(state.klantcontact.drafts)) {
    drafts[id] = draft.status === 'saved' ? withoutContent(draft) : draft
  }
  return { klantcontact: { drafts, activeId: state.klantcontact.activeId } }
}

/** Another version's shape: keep whatever still reads as drafts (merge checks each), drop the rest. */
export function migrate(persisted: unknown, version: number): PersistedState {
  log.info({ version, current: PERSIST_VERSION }, 'persisted drafts of another version')
  return { klantcontact: readDrafts(persisted) }
}

/**
 * Stored drafts into the live store, each checked as foreign input (persisted-draft.ts). A draft
 * the live store already has wins: it is newer than anything stored.
 */
export function merge(persisted: unknown, current: StoreState): StoreState {
  try {
    const stored = readDrafts(persisted)
    const drafts = { ...stored.drafts, ...current.klantcontact.drafts }
    const activeId =
      current.klantcontact.activeId ??
      (stored.activeId !== null && drafts[stored.activeId] ? stored.activeId : null)
    return { ...current, klantcontact: { ...current.klantcontact, drafts, activeId } }
  } catch (error) {
    log.error({ error: String(error) }, 'persisted drafts unreadable')
    return current
  }
}

/**
 * The browser storage, made safe: a value that is not JSON is ignored (the next write replaces it)
 * instead of failing hydration, a write that fails (quota, private mode) is logged instead of
 * breaking the action that caused it, and a write identical to the last one is skipped (every store
 * change, of any slice, goes through `persist`).
 */
export function durableStorage(target: StateStorage, logger: Logger = log): StateStorage {
  let last: string | undefined
  return {
    getItem: (name) => {
      try {
        const raw = target.getItem(name)
        if (typeof raw !== 'string') {
          return null
        }
        JSON.parse(raw)
        last = raw
        return raw
      } catch (error) {
        logger.warn({ name, error: errorName(error) }, 'persisted drafts are not readable; starting empty')
        return null
      }
    },
    setItem: (name, value) => {
      if (value === last) {
        return
      }
      try {
        target.setItem(name, value)
        last = value
      } catch (error) {
        logger.error({ name, error: errorName(error) }, 'drafts could not be stored')
      }
    },
    removeItem: (name) => {
      last = undefined
      try {
        target.removeItem(name)
      } catch (error) {
        logger.error({ name, error: errorName(error) }, 'drafts could not be removed')
      }
    },
  }
}

/** A plain in-memory Storage (tests, and a browser without localStorage). */
export function memoryStorage(): StateStorage & { readonly values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    values,
    getItem: (name) => values.get(name) ?? null,
    setItem: (name, value) => void values.set(name, value),
    removeItem: (name) => void values.delete(name),
  }
}

export function klantcontactPersistOptions(
  storage: StateStorage,
): PersistOptions<StoreState, PersistedState> {
  return {
    name: PERSIST_KEY,
    version: PERSIST_VERSION,
    storage: createJSONStorage<PersistedState>(() => storage),
    partialize,
    migrate,
    merge,
  }
}

function readDrafts(persisted: unknown): PersistedState['klantcontact'] {
  const slice = isRecord(persisted) ? persisted['klantcontact'] : undefined
  if (!isRecord(slice) || !isRecord(slice['drafts'])) {
    return { drafts: {}, activeId: null }
  }
  const drafts: Record<string, KlantcontactDraft> = {}
  let dropped = 0
  for (const [key, value] of Object.entries(slice['drafts'])) {
    const draft = parseDraft(value)
    if (draft !== undefined && draft.id === key) {
      drafts[key] = draft
    } else {
      dropped++
    }
  }
  if (dropped > 0) {
    log.warn({ dropped }, 'persisted drafts dropped as unreadable')
  }
  const activeId = typeof slice['activeId'] === 'string' ? slice['activeId'] : null
  return { drafts, activeId: activeId !== null && drafts[activeId] ? activeId : null }
}

function withoutContent(draft: KlantcontactDraft): KlantcontactDraft {
  const { callerNumber: _n, suggestion: _s, partijUuid: _p, request: _r, ...rest } = draft
  return { ...rest, naamKlant: '', onderwerp: '', inhoud: '' }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
