/**
 * How long the agent's consult call to a colleague rings before the agent is taken back to the
 * customer (a warm transfer's `dialling` step, renderer/src/softphone/transfer/transfer-states.ts).
 * Short enough that a citizen on hold is not kept waiting for a colleague who is away; long enough
 * for a colleague to finish a sentence and answer. The gateway's setting `transfer.consultRingSeconds`
 * (or `KCC_CONSULT_RING_SECONDS`) reaches the app in `GET /api/softphone`.
 */
export const CONSULT_RING_SECONDS = { default: 25, min: 5, max: 120 } as const
