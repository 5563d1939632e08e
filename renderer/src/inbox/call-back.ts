import type { InboxItemView } from '../../../shared/gateway/inbox'
import type { DraftAanleiding } from '../klantcontact/draft'
import { createLogger } from '../log'
import { isKnownNumber } from '../ringing/ring-context'
import type { Softphone } from '../softphone/softphone'
import { isLive } from '../softphone/states'
import { claim, type InboxContext } from './inbox-actions'
import { isClaimedBy } from './inbox-view'

const log = createLogger('inbox:call-back')

/** Why Terugbellen did not start: no number to call, a call already on, or the claim or dial failed. */
export class CallBackError extends Error {
  override readonly name = 'CallBackError'
  constructor(
    readonly reason: 'geen_nummer' | 'bezig' | 'oppakken' | 'bellen',
    override readonly cause?: unknown,
  ) {
    super(reason)
  }
}

export interface CallBackContext extends InboxContext {
  readonly softphone: Pick<Softphone, 'call' | 'getSnapshot'>
  /** Epoch ms, for a call record without `startedAt`. */
  readonly now?: () => number
}

/** What the call-back's klantcontact follows up, so its registration links to the original. */
export function aanleidingOf(item: InboxItemView): DraftAanleiding | undefined {
  return item.klantcontact === null
    ? undefined
    : {
        interneTaakUuid: item.uuid,
        klantcontactUuid: item.klantcontact.uuid,
        klantcontactNummer: item.klantcontact.nummer,
      }
}

/**
 * Terugbellen, one click: claims the contactverzoek if the agent has not yet (so no colleague calls
 * the same citizen meanwhile), dials its number as any call the agent makes (the softphone), and
 * opens the call's klantcontact with the contactverzoek and its klantcontact as the aanleiding: the
 * case shows the original above it (CallBackOrigin), and the registration asks the gateway to link
 * the two (RegisterKlantcontactInput.aanleidingKlantcontactUuid). Returns the draft's id.
 *
 * An outbound call gets no screen pop of its own (klantcontact/screen-pop.ts opens drafts for
 * calls that rang here); this is where a call-back's draft is made.
 */
export async function callBack(ctx: CallBackContext, item: InboxItemView): Promise<string> {
  const number = item.telefoonnummer
  if (number === null || !isKnownNumber(number)) {
    throw new CallBackError('geen_nummer')
  }
  const current = ctx.softphone.getSnapshot().call
  if (current !== null && isLive(current.state)) {
    throw new CallBackError('bezig')
  }
  if (!isClaimedBy(item, ctx.agent.login)) {
    try {
      await claim(ctx, item)
    } catch (error) {
      throw new CallBackError('oppakken', error)
    }
  }
  try {
    await ctx.softphone.call(number)
  } catch (error) {
    // The number stays out of the log; the interne taak's uuid finds it.
    log.warn({ uuid: item.uuid, error: String(error) }, 'call back failed')
    throw new CallBackError('bellen', error)
  }
  // The softphone records the call before the INVITE goes out: it is the current call now.
  const call = ctx.softphone.getSnapshot().call
  if (call === null || call.direction !== 'outbound') {
    throw new CallBackError('bellen')
  }
  const aanleiding = aanleidingOf(item)
  const draftId = ctx.store.getState().klantcontact.openForCall({
    agentLogin: ctx.agent.login,
    callId: call.id,
    sipCallId: call.sipCallId,
    callerNumber: number,
    at: call.startedAt ?? (ctx.now ?? Date.now)(),
    ...(aanleiding !== undefined ? { aanleiding } : {}),
  })
  log.info({ uuid: item.uuid, draftId }, 'calling back')
  return draftId
}
