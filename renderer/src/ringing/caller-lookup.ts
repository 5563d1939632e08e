import type { StoreApi } from 'zustand'
import type { PartijMatchView } from '../../../shared/gateway/api'
import type { KlantbeeldView } from '../../../shared/gateway/klantbeeld'
import type { GatewayApi } from '../api/gateway-client'
import { isGatewayError } from '../api/errors'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'

/**
 * Looks a ringing call's number up as the caller's picture (GET /api/klantbeeld: the known
 * partijen, their earlier klantcontacten, their open contactverzoeken), once per call: the gateway
 * audits every such read, so the draft made at Opnemen shows and offers this same result instead
 * of asking again. The result goes into the store's `ringing` place (ringing/slice.ts) for the
 * ringing call on screen, the draft, and a missed call.
 */
export interface CallerLookupDeps {
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly api: Pick<GatewayApi, 'klantbeeld'>
  readonly logger?: Logger
}

/** A number worth asking about: digits, optionally after one leading + (no extension names). */
const PHONE_NUMBER = /^\+?[0-9]+$/

/** Resolves to the first partij, or undefined (none, not a number, or the lookup failed). */
export async function lookUpCaller(
  deps: CallerLookupDeps,
  callId: string,
  number: string,
): Promise<PartijMatchView | undefined> {
  const log = deps.logger ?? defaultLog
  const ringing = () => deps.store.getState().ringing
  if (!PHONE_NUMBER.test(number)) {
    ringing().setCaller({ callId, lookup: 'unknown' })
    return undefined
  }
  ringing().setCaller({ callId, lookup: 'looking' })
  let picture: KlantbeeldView | undefined
  try {
    picture = await deps.api.klantbeeld(number)
  } catch (error) {
    // Never the number or a name in the log: the call id says enough to find the call.
    log.debug({ callId, kind: isGatewayError(error) ? error.kind : 'unexpected' }, 'caller lookup failed')
  }
  const match = picture?.partijen[0]
  // A newer call rang meanwhile: its caller is the one on screen now.
  if (ringing().callers[callId] !== undefined) {
    ringing().setCaller(
      picture === undefined
        ? { callId, lookup: 'failed' }
        : match !== undefined
          ? { callId, lookup: 'known', partij: { uuid: match.uuid, naam: match.naam }, picture }
          : { callId, lookup: 'unknown', picture },
    )
  }
  return match
}

const defaultLog = createLogger('ringing:caller')
