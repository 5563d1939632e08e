import { vi } from 'vitest'
import { memoryStorage } from '../../../renderer/src/klantcontact/persistence'
import { INITIAL_SNAPSHOT } from '../../../renderer/src/softphone/snapshot-store'
import type { SoftphoneSnapshot, TransferSnapshot } from '../../../renderer/src/softphone/types'
import { createAppStore, type AppStore } from '../../../renderer/src/store'

export const RING = Date.parse('2026-12-06T10:00:00.000Z')

/** The customer's call, as the transfer tests build it. */
export { callOf } from '../transfer/fixtures'

export function transferOf(changes: Partial<TransferSnapshot> = {}): TransferSnapshot {
  return { kind: 'warm', state: 'consulting', target: 'vergunningen', startedAt: RING + 10_000, ...changes }
}

export function freshStore(): AppStore {
  return createAppStore({ storage: memoryStorage() })
}

export function setPhone(store: AppStore, changes: Partial<SoftphoneSnapshot>): void {
  const { workspace } = store.getState()
  workspace.setPhone({ ...INITIAL_SNAPSHOT, ...workspace.phone, ...changes })
}

/** The softphone's verbs as the shortcuts use them: every one a spy. */
export function fakeSoftphone() {
  return {
    answer: vi.fn(() => Promise.resolve()),
    decline: vi.fn(() => Promise.resolve()),
    hangup: vi.fn(() => Promise.resolve()),
    hold: vi.fn(() => Promise.resolve()),
    resume: vi.fn(() => Promise.resolve()),
    mute: vi.fn((_on: boolean) => undefined),
  }
}
