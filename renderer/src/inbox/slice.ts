import type { StateCreator } from 'zustand'
import type { InboxItemView } from '../../../shared/gateway/inbox'
import type { StoreState } from '../store/types'
import type { Loadable } from '../workspace/workspace-slice'

/**
 * The agent's contactverzoek inbox as plain data (gateway `GET /api/inbox`): the open ones, oldest
 * first, and the recent verwerkt ones once asked for. `known` keeps the latest view of every
 * contactverzoek seen since login, also after it left the open list, so the call-back's case can
 * still say what it follows up and that it is verwerkt. Fetched, never persisted: the register
 * holds it.
 */
export interface InboxState {
  readonly open: Loadable<readonly InboxItemView[]>
  readonly verwerkt: Loadable<readonly InboxItemView[]>
  readonly known: Readonly<Record<string, InboxItemView>>
}

export interface InboxActions {
  setOpen(open: Loadable<readonly InboxItemView[]>): void
  setVerwerkt(verwerkt: Loadable<readonly InboxItemView[]>): void
  /**
   * What an action answered: the item's new view. `inInbox`: whether it is still in this agent's
   * inbox (not after it was passed on to another afdeling).
   */
  itemChanged(item: InboxItemView, inInbox: boolean): void
  clear(): void
}

export interface InboxSlice {
  readonly inbox: InboxState & InboxActions
}

export const INITIAL_INBOX: InboxState = {
  open: { status: 'idle' },
  verwerkt: { status: 'idle' },
  known: {},
}

export const createInboxSlice: StateCreator<StoreState, [], [], InboxSlice> = (set) => {
  const patch = (values: Partial<InboxState>): void =>
    set((state) => ({ inbox: { ...state.inbox, ...values } }))
  const withKnown = (known: InboxState['known'], items: readonly InboxItemView[]): InboxState['known'] => ({
    ...known,
    ...Object.fromEntries(items.map((item) => [item.uuid, item])),
  })
  return {
    inbox: {
      ...INITIAL_INBOX,
      setOpen: (open) =>
        set((state) => ({
          inbox: {
            ...state.inbox,
            open,
            known: open.status === 'ready' ? withKnown(state.inbox.known, open.value) : state.inbox.known,
          },
        })),
      setVerwerkt: (verwerkt) =>
        set((state) => ({
          inbox: {
            ...state.inbox,
            verwerkt,
            known:
              verwerkt.status === 'ready' ? withKnown(state.inbox.known, verwerkt.value) : state.inbox.known,
          },
        })),
      itemChanged: (item, inInbox) =>
        set((state) => {
          const { open, verwerkt } = state.inbox
          const stays = inInbox && item.status === 'te_verwerken'
          const nextOpen: InboxState['open'] =
            open.status === 'ready'
              ? {
                  status: 'ready',
                  value: stays
                    ? open.value.map((i) => (i.uuid === item.uuid ? item : i))
                    : open.value.filter((i) => i.uuid !== item.uuid),
                }
              : open
          const nextVerwerkt: InboxState['verwerkt'] =
            verwerkt.status === 'ready' && item.status === 'verwerkt'
              ? { status: 'ready', value: [item, ...verwerkt.value.filter((i) => i.uuid !== item.uuid)] }
              : verwerkt
          return {
            inbox: {
              ...state.inbox,
              open: nextOpen,
              verwerkt: nextVerwerkt,
              known: withKnown(state.inbox.known, [item]),
            },
          }
        }),
      clear: () => patch(INITIAL_INBOX),
    },
  }
}
