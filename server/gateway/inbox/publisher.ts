import type { InboxStatus } from '../../../shared/live/inbox'
import type { Logger } from '../../lib/logger'
import type { LiveHub } from '../live'

/**
 * Publishes `inbox.changed` {inbox} per afdeling on the live hub (latest wins: the hub keeps the
 * last one per afdeling in its state and snapshot). Told by the gateway's own services when an
 * inbox changed (a contactverzoek or terugbelverzoek made, a taak claimed, verwerkt or passed on),
 * and every {@link REFRESH_MS} for every afdeling, which picks up what other systems (KISS) changed
 * in the register. Every instance refreshes: each publishes what the register says, so whichever
 * comes last is right; a periodic refresh that found nothing new publishes nothing.
 *
 * The status is read from the register after the change (`source`), never counted up or down here,
 * so a lost or repeated event cannot make a count drift. One read per afdeling at a time: a change
 * during a read schedules one more read after it.
 */
export const REFRESH_MS = 60_000

export interface InboxStatusReader {
  statusOf(afdeling: string): Promise<InboxStatus | null>
}

export interface InboxPublisher {
  /** These afdelingen' inboxes changed: read and publish them (in the background; never throws). */
  changed(afdelingen: readonly string[]): void
  /** Starts reading from `source` (the services are made after the hub) and the periodic refresh. */
  start(source: InboxStatusReader): void
  /** Resolves when every read and publication started so far is done. */
  settled(): Promise<void>
  stop(): void
}

export function inboxPublisher(options: {
  hub: LiveHub
  afdelingen: readonly string[]
  logger: Logger
  refreshMs?: number | undefined
}): InboxPublisher {
  const { hub, logger } = options
  let source: InboxStatusReader | undefined
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const running = new Map<string, Promise<void>>()
  const again = new Map<string, boolean>()

  const publish = async (afdeling: string, onlyIfNew: boolean): Promise<void> => {
    if (!source) {
      return
    }
    const inbox = await source.statusOf(afdeling)
    if (!inbox || stopped) {
      return
    }
    if (onlyIfNew) {
      const current = hub.snapshot().inboxes?.find((i) => i.afdeling === afdeling)
      if (current && current.open === inbox.open && current.oldestSince === inbox.oldestSince) {
        return
      }
    }
    await hub.publish({ type: 'inbox.changed', inbox })
  }

  const run = (afdeling: string, onlyIfNew: boolean): void => {
    if (stopped) {
      return
    }
    if (running.has(afdeling)) {
      // A change that came during a read must be read again: the read may have missed it.
      again.set(afdeling, again.get(afdeling) === true || !onlyIfNew)
      return
    }
    const work = publish(afdeling, onlyIfNew)
      .catch((error: unknown) =>
        logger.warn({ afdeling, err: (error as Error).message }, 'inbox status not published'),
      )
      .finally(() => {
        running.delete(afdeling)
        if (again.has(afdeling)) {
          const forced = again.get(afdeling) === true
          again.delete(afdeling)
          run(afdeling, !forced)
        }
      })
    running.set(afdeling, work)
  }

  return {
    changed(afdelingen) {
      for (const afdeling of new Set(afdelingen)) {
        run(afdeling, false)
      }
    },
    start(reader) {
      source = reader
      clearInterval(timer)
      timer = setInterval(() => {
        for (const afdeling of options.afdelingen) {
          run(afdeling, true)
        }
      }, options.refreshMs ?? REFRESH_MS)
      timer.unref()
    },
    async settled() {
      while (running.size > 0) {
        await Promise.all(running.values())
      }
    },
    stop() {
      stopped = true
      clearInterval(timer)
      timer = undefined
    },
  }
}
