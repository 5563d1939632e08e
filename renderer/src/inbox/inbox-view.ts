import type { InboxItemView } from '../../../shared/gateway/inbox'
import type { InboxStatus } from '../../../shared/live/inbox'
import { isGatewayError } from '../api/errors'
import { format } from '../i18n/locale'
import { sinceGatewayTime } from '../live/gateway-clock'
import type { InboxMessages } from './messages'

/**
 * What the inbox shows, as plain functions of the gateway's data, so the components only render:
 * the order, how old a contactverzoek is, who it is for, the count and the Dutch error texts.
 */

/** When the contactverzoek came to this inbox (assigned), else when its klantcontact took place. */
export function sinceOf(item: InboxItemView): string | undefined {
  return item.toegewezenOp ?? item.klantcontact?.plaatsgevondenOp ?? undefined
}

/** Open first, then oldest first (the gateway's order for `open`; kept when items change here). */
export function inboxOrder(items: readonly InboxItemView[]): InboxItemView[] {
  return [...items].sort((a, b) => {
    if (a.status !== b.status) {
      return a.status === 'te_verwerken' ? -1 : 1
    }
    return (sinceOf(a) ?? '').localeCompare(sinceOf(b) ?? '')
  })
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "12 min geleden", "3 uur geleden", "2 dagen geleden": how long a contactverzoek has waited. */
export function ageText(ms: number, t: InboxMessages['leeftijd'] | InboxMessages['duur']): string {
  if (ms < MINUTE) {
    return t.net
  }
  if (ms < HOUR) {
    return format(t.minuten, { aantal: Math.floor(ms / MINUTE) })
  }
  if (ms < DAY) {
    return format(t.uren, { aantal: Math.floor(ms / HOUR) })
  }
  const days = Math.floor(ms / DAY)
  return days === 1 ? t.dag : format(t.dagen, { aantal: days })
}

/** How long since `iso` on the gateway's clock (`now`), never negative; undefined without a time. */
export function ageOf(iso: string | undefined, now: number): number | undefined {
  return iso === undefined ? undefined : sinceGatewayTime(iso, now)
}

/** Who the contactverzoek is about, as the list names it: never more than the number when no name is known. */
export function klantOf(item: InboxItemView, t: InboxMessages): string {
  return item.telefoonnummer ?? t.klantOnbekend
}

/** Whether `login` claimed it (it is assigned to them). */
export function isClaimedBy(item: InboxItemView, login: string): boolean {
  return item.medewerker?.login === login
}

/** The afdelingen whose live inbox status counts for this agent: their own, and a supervisor's. */
export function inboxAfdelingen(agent: {
  readonly afdeling: { readonly id: string }
  readonly role: string
  readonly supervises?: readonly string[]
}): string[] {
  return [...new Set([agent.afdeling.id, ...(agent.role === 'supervisor' ? (agent.supervises ?? []) : [])])]
}

/** Open contactverzoeken in `afdelingen`, from the live feed. */
export function openCount(inboxes: readonly InboxStatus[], afdelingen: readonly string[]): number {
  return inboxes.filter((i) => afdelingen.includes(i.afdeling)).reduce((sum, i) => sum + i.open, 0)
}

/** "3 open contactverzoeken", "1 open contactverzoek", "Geen open contactverzoeken". */
export function countText(count: number, t: InboxMessages['count']): string {
  return count === 0 ? t.geen : count === 1 ? t.een : format(t.meer, { aantal: count })
}

/**
 * The Dutch text for a failed action. A refusal's own reason (the gateway writes Dutch: "Deze taak
 * is al opgepakt door …", a too long resultaat) says more than ours, so it is shown when there is one.
 */
export function failureText(error: unknown, t: InboxMessages['mislukt']): string {
  if (!isGatewayError(error)) {
    return t.algemeen
  }
  if (error.kind === 'unreachable') {
    return t.onbereikbaar
  }
  if (error.kind === 'rejected') {
    const reason = error.problem?.invalidParams?.[0]?.reason ?? error.problem?.detail
    return reason ?? t.algemeen
  }
  return t.algemeen
}
