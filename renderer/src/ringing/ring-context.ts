import type { DirectoryView } from '../../../shared/gateway/api'
import type { QueueStatus } from '../../../shared/live/queue'
import { addressUser } from '../softphone/call/call-target'
import type { CallSnapshot } from '../softphone/types'

/**
 * What a ringing call says about where it comes from, from the call record and what the
 * workspace already knows (the directory, the live queues): plain functions, so RingingCall only
 * renders.
 */

/** A number anyone can dial back: digits with an optional leading +, or a colleague's extension. */
const DIALLABLE = /^\+?[0-9A-Za-z._-]+$/
/** What a SIP From says when the caller withheld their number. */
const WITHHELD = new Set(['anonymous', 'onbekend', 'unknown', 'restricted', ''])

/** Whether `number` is a number to show and call back, not a withheld one. */
export function isKnownNumber(number: string): boolean {
  return !WITHHELD.has(number.toLowerCase()) && DIALLABLE.test(number)
}

/** The afdeling whose group address the caller dialled (the call came through it or its queue). */
export function afdelingOf(
  call: Pick<CallSnapshot, 'calledAddress'>,
  directory: DirectoryView | undefined,
): DirectoryView['afdelingen'][number] | undefined {
  const called = call.calledAddress
  if (called === undefined || directory === undefined) {
    return undefined
  }
  return directory.afdelingen.find((afdeling) => addressUser(afdeling.groupAddress) === called)
}

/** The colleague an inbound call is asserted to come from, by the directory. */
export function colleagueOf(
  call: Pick<CallSnapshot, 'assertedCaller'>,
  directory: DirectoryView | undefined,
): DirectoryView['medewerkers'][number] | undefined {
  const asserted = call.assertedCaller
  return asserted === undefined
    ? undefined
    : directory?.medewerkers.find((medewerker) => medewerker.extension === asserted)
}

/**
 * Since when the caller waits (epoch ms). A call through an afdeling's queue waited there before it
 * rang here: when this caller is the only one in that queue, the queue's "waiting since" is theirs.
 * Otherwise (several waiting, a direct call) the ring time.
 */
export function waitingSince(
  call: Pick<CallSnapshot, 'startedAt'>,
  queue: QueueStatus | undefined,
  now: number,
): number {
  const rang = call.startedAt ?? now
  if (queue === undefined || queue.waiting !== 1 || queue.oldestSince === undefined) {
    return rang
  }
  const since = Date.parse(queue.oldestSince)
  return Number.isFinite(since) && since < rang ? since : rang
}
