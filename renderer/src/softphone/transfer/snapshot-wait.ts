import type { SnapshotStore } from '../snapshot-store'
import type { SoftphoneSnapshot } from '../types'

/**
 * Resolves with the first snapshot (from the next change on) for which `pick` returns a value;
 * `off` stops watching without resolving.
 */
export function whenSnapshot<T>(
  state: SnapshotStore,
  pick: (snapshot: SoftphoneSnapshot) => T | undefined,
): { promise: Promise<T>; off: () => void } {
  let off = (): void => undefined
  const promise = new Promise<T>((resolve) => {
    off = state.subscribe((snapshot) => {
      const value = pick(snapshot)
      if (value !== undefined) {
        off()
        resolve(value)
      }
    })
  })
  return { promise, off: () => off() }
}
