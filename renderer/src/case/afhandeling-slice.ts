import type { StateCreator } from 'zustand'
import type { Afhandeling } from '../../../shared/klantcontact/afhandeling'
import type { OpenedError } from '../incoming-transfer/state'
import type { StoreState } from '../store/types'

/**
 * The afhandeling of each klantcontact in this session, by the klantcontact's uuid, as plain data:
 * the suggestion the case earned (a completed transfer, a contactverzoek made), the agent's choice,
 * and what the gateway recorded. Kept outside the control, so switching cases or a failed attempt
 * loses nothing; never persisted (the gateway holds what was recorded).
 *
 *   idle ──save──▶ saving ──recorded──▶ idle (recorded set)
 *                        └─failed────▶ idle (error set, the choice kept)
 */
export interface AfhandelingEntry {
  readonly suggestion?: Afhandeling
  readonly choice?: Afhandeling
  readonly recorded?: Afhandeling
  readonly saving: boolean
  readonly error?: OpenedError
}

export interface AfhandelingActions {
  /** What the case suggests; the latest suggestion wins, and never records anything itself. */
  suggest(uuid: string, afhandeling: Afhandeling): void
  choose(uuid: string, afhandeling: Afhandeling): void
  saving(uuid: string): void
  recorded(uuid: string, afhandeling: Afhandeling): void
  failed(uuid: string, error: OpenedError): void
}

export interface AfhandelingSlice {
  readonly afhandeling: {
    readonly byUuid: Readonly<Record<string, AfhandelingEntry>>
  } & AfhandelingActions
}

const EMPTY: AfhandelingEntry = { saving: false }

export const createAfhandelingSlice: StateCreator<StoreState, [], [], AfhandelingSlice> = (set, get) => {
  const update = (uuid: string, change: (entry: AfhandelingEntry) => AfhandelingEntry): void =>
    set((state) => {
      const byUuid = state.afhandeling.byUuid
      return {
        afhandeling: { ...state.afhandeling, byUuid: { ...byUuid, [uuid]: change(byUuid[uuid] ?? EMPTY) } },
      }
    })
  return {
    afhandeling: {
      byUuid: {},
      suggest: (uuid, suggestion) => {
        if (get().afhandeling.byUuid[uuid]?.suggestion !== suggestion) {
          update(uuid, (e) => ({ ...e, suggestion }))
        }
      },
      choose: (uuid, choice) => update(uuid, (e) => ({ ...withoutError(e), choice })),
      saving: (uuid) => update(uuid, (e) => ({ ...withoutError(e), saving: true })),
      recorded: (uuid, recorded) => update(uuid, (e) => ({ ...withoutError(e), saving: false, recorded })),
      failed: (uuid, error) => update(uuid, (e) => ({ ...e, saving: false, error })),
    },
  }
}

function withoutError(entry: AfhandelingEntry): AfhandelingEntry {
  const { error: _error, ...rest } = entry
  return rest
}

/**
 * Which afhandeling the control shows selected: the agent's own choice, else what was recorded, else
 * the case's suggestion, else what the klantcontact says (no contact came about: geen contact),
 * else the commonest ending, zelf beantwoord. Selected is not recorded: the agent records it.
 */
export function selectedAfhandeling(
  entry: AfhandelingEntry | undefined,
  known: { readonly recorded?: Afhandeling | null; readonly contactGelukt?: boolean | null },
): Afhandeling {
  return (
    entry?.choice ??
    entry?.recorded ??
    known.recorded ??
    entry?.suggestion ??
    (known.contactGelukt === false ? 'geen_contact' : 'zelf_beantwoord')
  )
}
