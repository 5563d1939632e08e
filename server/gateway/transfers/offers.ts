import type { LiveHub, TransferTarget } from '../live'
import type { Logger } from '../../lib/logger'
import type { TransferOutcomeInput, TransferView } from './service'

/**
 * The live hub's side of transfer records (docs/gateway.md, Transfers): an announced transfer
 * becomes a transfer offer, so the receiving agent's app hears of it even when a PBX stripped the
 * nummer from the SIP signalling, and a supervisor sees it in flight. The announcing agent's report
 * of the outcome closes it; an offer nobody reports on closes as `expired` when its record does
 * (this instance's timer: the instance that published the offer closes it).
 */
export interface TransferOffers {
  announced(transfer: TransferView): Promise<void>
  closed(transfer: TransferView, outcome: TransferOutcomeInput): Promise<void>
  /** Stops the expiry timers (the gateway is closing; the hub goes with it). */
  stop(): void
}

export function transferOffers(
  hub: LiveHub,
  /** The transfer record's lifetime: the offer expires with it. */
  ttlMs: number,
  logger: Logger,
  /** The announcing agent's afdeling, for today's counters. */
  afdelingOf: (login: string) => string | undefined = () => undefined,
): TransferOffers {
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const close = async (transfer: TransferView, outcome: TransferOutcomeInput | 'expired'): Promise<void> => {
    clearTimeout(timers.get(transfer.id))
    timers.delete(transfer.id)
    await hub.publish({
      type: 'transfer.closed',
      transferId: transfer.id,
      klantcontactnummer: transfer.nummer,
      from: transfer.from,
      to: targetOf(transfer),
      outcome,
    })
  }
  return {
    async announced(transfer) {
      await hub.publish({
        type: 'transfer.offered',
        transfer: {
          transferId: transfer.id,
          klantcontactnummer: transfer.nummer,
          from: transfer.from,
          ...withAfdeling(afdelingOf(transfer.from)),
          to: targetOf(transfer),
        },
      })
      const timer = setTimeout(() => {
        close(transfer, 'expired').catch((error: unknown) =>
          logger.warn({ err: (error as Error).message }, 'expired transfer offer not closed'),
        )
      }, ttlMs)
      timer.unref()
      timers.set(transfer.id, timer)
    },
    closed: (transfer, outcome) => close(transfer, outcome),
    stop() {
      for (const timer of timers.values()) {
        clearTimeout(timer)
      }
      timers.clear()
    },
  }
}

function targetOf(transfer: TransferView): TransferTarget {
  return transfer.target.type === 'agent'
    ? { kind: 'agent', login: transfer.target.id }
    : { kind: 'afdeling', afdeling: transfer.target.id }
}

function withAfdeling(afdeling: string | undefined): { afdeling?: string } {
  return afdeling !== undefined ? { afdeling } : {}
}
