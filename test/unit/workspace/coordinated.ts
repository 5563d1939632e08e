import { createLogger } from '../../../renderer/src/log'
import type { SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import type { AppStore } from '../../../renderer/src/store'
import {
  CallCoordinator,
  type CallCoordinatorOptions,
} from '../../../renderer/src/workspace/call-coordinator'
import type { CallEvent } from '../../../renderer/src/workspace/call-events'

/**
 * A call coordinator over a test's store, as workspace/runtime.ts wires it, telling a live hub that
 * listens to nothing. Once a store has one, the fixtures' `setCall` and `setPhone` feed their
 * snapshots through it, so the screen pop and the transfer receiver get their call events.
 */
const coordinators = new WeakMap<AppStore, CallCoordinator>()

export function coordinate(
  store: AppStore,
  options: Partial<Pick<CallCoordinatorOptions, 'afdeling' | 'now'>> & { agentLogin: string },
): CallCoordinator {
  const coordinator = new CallCoordinator({
    store,
    live: { setState: () => undefined, callStarted: () => undefined, callEnded: () => undefined },
    logger: createLogger('test', () => undefined),
    ...options,
  })
  coordinator.follow()
  coordinators.set(store, coordinator)
  return coordinator
}

/** The softphone's state into the store: through the store's coordinator when it has one. */
export function feedPhone(store: AppStore, phone: SoftphoneSnapshot): void {
  const coordinator = coordinators.get(store)
  if (coordinator) {
    coordinator.onSnapshot(phone)
  } else {
    store.getState().workspace.setPhone(phone)
  }
}

/** Every call event a coordinator publishes from now on, in order. */
export function recordEvents(coordinator: CallCoordinator): CallEvent[] {
  const events: CallEvent[] = []
  coordinator.events.subscribe((event) => events.push(event))
  return events
}
