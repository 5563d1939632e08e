/**
 * The receiving side of a transfer, "Klantcontact openen", the answer and the contactverzoek
 * (docs/agent-app.md, "The receiving side"): what the rest of the app uses. The store slice itself
 * is bound in store/index.ts.
 */
export { OpenedPanel, type OpenedPanelProps } from './OpenedPanel'
export { OpenedKlantcontact, type OpenedKlantcontactProps } from './OpenedKlantcontact'
export { KlantcontactOpenen } from './KlantcontactOpenen'
export { startTransferReceiver, type TransferReceiverOptions } from './transfer-receiver'
export { openKlantcontact, type OpenDeps } from './open'
export { saveAnswer, type AnswerDeps } from './answer'
export { answerRoom, type AnswerField, type AnswerRoom } from './answer-room'
export type { OpenedSlice, OpenedActions } from './slice'
export type { OpenedState, OpenedStatus, OpenedSource, OpenedError, AnswerState } from './state'
