import type { StoreApi } from 'zustand'
import type { AgentView } from '../../../shared/gateway/api'
import type { InboxItemView } from '../../../shared/gateway/inbox'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger } from '../log'
import type { StoreState } from '../store/types'

const log = createLogger('inbox')

/**
 * What the agent does with the inbox, through the gateway (docs/gateway.md, "Inbox"), with the
 * answer put into the store: load it, claim a contactverzoek, mark it verwerkt, pass it on. An
 * action's failure is thrown to the caller (the panel shows it next to the item); a failed load is
 * kept in the store. Log lines carry the interne taak's uuid, never what it says.
 */
export interface InboxContext {
  readonly api: Pick<GatewayApi, 'inbox' | 'claimInboxItem' | 'inboxItemVerwerkt' | 'doorzettenInboxItem'>
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly agent: Pick<AgentView, 'login'>
}

/** Each load's turn: only the newest answer is kept, when live changes come fast. */
let loads = 0

/**
 * The open contactverzoeken. A reload keeps the list on screen while it runs (no flicker, the focus
 * stays on its button); only the first load shows that it is loading.
 */
export async function loadOpen(ctx: Pick<InboxContext, 'api' | 'store'>): Promise<void> {
  const turn = ++loads
  const inbox = () => ctx.store.getState().inbox
  if (inbox().open.status !== 'ready') {
    inbox().setOpen({ status: 'loading' })
  }
  try {
    const view = await ctx.api.inbox('open')
    if (turn === loads) {
      inbox().setOpen({ status: 'ready', value: view.results })
    }
  } catch (error) {
    log.warn({ error: String(error) }, 'inbox failed')
    if (turn === loads) {
      inbox().setOpen({ status: 'failed', error: String(error) })
    }
  }
}

/** The recently verwerkt ones, newest first (asked for only when the agent opens that view). */
export async function loadVerwerkt(ctx: Pick<InboxContext, 'api' | 'store'>): Promise<void> {
  const inbox = () => ctx.store.getState().inbox
  inbox().setVerwerkt({ status: 'loading' })
  try {
    const view = await ctx.api.inbox('verwerkt')
    inbox().setVerwerkt({ status: 'ready', value: view.results })
  } catch (error) {
    log.warn({ error: String(error) }, 'verwerkt inbox failed')
    inbox().setVerwerkt({ status: 'failed', error: String(error) })
  }
}

/** Oppakken: assigned to the agent, who now has it. */
export async function claim(ctx: InboxContext, item: InboxItemView): Promise<InboxItemView> {
  const claimed = await ctx.api.claimInboxItem(item.uuid)
  ctx.store.getState().inbox.itemChanged(claimed, true)
  log.info({ uuid: item.uuid }, 'contactverzoek claimed')
  return claimed
}

/** Verwerkt, with what was done and, after a call-back, the call-back's klantcontact. */
export async function markVerwerkt(
  ctx: InboxContext,
  uuid: string,
  resultaat: string,
  klantcontactUuid?: string,
): Promise<InboxItemView> {
  const done = await ctx.api.inboxItemVerwerkt(uuid, {
    resultaat: resultaat.trim(),
    ...(klantcontactUuid !== undefined ? { klantcontactUuid } : {}),
  })
  ctx.store.getState().inbox.itemChanged(done, true)
  log.info({ uuid, callBack: klantcontactUuid !== undefined }, 'contactverzoek verwerkt')
  return done
}

/** Doorzetten: the contactverzoek goes to `afdeling` only, and leaves this inbox unless it is the agent's own. */
export async function doorzetten(
  ctx: InboxContext & { readonly ownAfdelingen: readonly string[] },
  item: InboxItemView,
  afdeling: string,
  toelichting: string,
): Promise<InboxItemView> {
  const why = toelichting.trim()
  const passed = await ctx.api.doorzettenInboxItem(item.uuid, {
    afdeling,
    ...(why !== '' ? { toelichting: why } : {}),
  })
  ctx.store.getState().inbox.itemChanged(passed, ctx.ownAfdelingen.includes(afdeling))
  log.info({ uuid: item.uuid, afdeling }, 'contactverzoek doorgezet')
  return passed
}
