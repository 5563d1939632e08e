import type { CallInfo, LiveEvent, LiveEventBody, TransferInfo } from '../../../shared/live/protocol'
import { createRootLogger } from '../../../server/lib/logger'

export const silent = createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' })

export function call(overrides: Partial<CallInfo> = {}): CallInfo {
  return {
    callId: 'call-1',
    agent: 'medewerker1',
    afdeling: 'kcc',
    direction: 'inbound',
    callerNumber: '+31612345678',
    vertrouwelijk: false,
    ...overrides,
  }
}

export function transfer(overrides: Partial<TransferInfo> = {}): TransferInfo {
  return {
    transferId: 't-1',
    klantcontactnummer: '0000001234',
    from: 'medewerker1',
    to: { kind: 'agent', login: 'medewerker2' },
    ...overrides,
  }
}

/** The time `at()` stamps on the event with this seq. */
export function timeOf(seq: number): string {
  return new Date(Date.UTC(2025, 0, 1, 9, 0, seq)).toISOString()
}

/** Stamps a body as a hub would: a seq and a time. */
export function at(seq: number, body: LiveEventBody): LiveEvent {
  return { ...body, seq, at: timeOf(seq) } as LiveEvent
}
