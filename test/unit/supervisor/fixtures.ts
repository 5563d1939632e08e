import type { LiveCall, TransferOffer } from '../../../shared/live/protocol'

/** The supervisor tests' clock: every duration is measured from here. */
export const NOW = Date.parse('2026-12-04T10:00:00.000Z')
export const ago = (ms: number): string => new Date(NOW - ms).toISOString()

/** A live call of `agent`, 90 s old, not vertrouwelijk, with a mobile caller number. */
export function liveCall(agent: string, changes: Partial<LiveCall> = {}): LiveCall {
  return {
    callId: 'c1@pbx',
    agent,
    afdeling: 'kcc',
    direction: 'inbound',
    callerNumber: '0612345678',
    vertrouwelijk: false,
    startedAt: ago(90_000),
    updatedAt: ago(10_000),
    ...changes,
  }
}

/** A transfer offer from `from` to a colleague, 30 s old. */
export function transferOffer(from: string, changes: Partial<TransferOffer> = {}): TransferOffer {
  return {
    transferId: 't1',
    klantcontactnummer: '26000001',
    from,
    to: { kind: 'agent', login: 'm-bram' },
    offeredAt: ago(30_000),
    ...changes,
  }
}
