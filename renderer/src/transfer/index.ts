/**
 * The transferring side: the "Doorverbinden" dialog with its picker and progress, and the
 * service that saves, announces and hands the transfer to the softphone. The store slice itself is
 * bound in store/index.ts.
 */
export { TransferDialog } from './TransferDialog'
export { TransferService, type TransferServiceOptions } from './transfer-service'
export type { TransferSlice, TransferActions } from './slice'
export type { TransferIntent, TransferPhase, TransferRefusal } from './state'
export type { TransferTarget } from './target'
