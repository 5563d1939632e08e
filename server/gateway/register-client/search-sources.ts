import type { KlantinteractiesClient, Query } from './client'
import type { KlantcontactReader } from './reader'
import { EXPAND_BETROKKENEN, type ActorKlantcontact, type KlantcontactRecord, type Page } from './types'

/**
 * Where a search walks through the register (search.ts picks the most selective). Each source
 * yields klantcontacten with their betrokkenen expanded; an `ordered` source yields them newest
 * `plaatsgevondenOp` first, so a walk may stop at the first one older than the date range.
 */
export interface SearchSource {
  ordered: boolean
  records(budget: ReadBudget): AsyncIterable<KlantcontactRecord>
}

/** How many klantcontacten one search may still read from the register, shared by its sources. */
export class ReadBudget {
  constructor(private left: number) {}

  /** Takes `n` (or what is left) and says how many were granted. */
  take(n: number): number {
    const granted = Math.max(0, Math.min(n, this.left))
    this.left -= granted
    return granted
  }

  get exhausted(): boolean {
    return this.left <= 0
  }
}

/** Register pages of `GET /klantcontacten` (OAS default and our choice: 100 per page). */
const LIST_PAGE_SIZE = 100
/** Klantcontacten read one by one at a time, as recent.ts does. */
const PARALLEL = 5
/** Links read per `GET /actorklantcontacten` page for `mijn`. */
const LINK_PAGE_SIZE = 50

/**
 * `GET /klantcontacten` with the register's own filters: the register lists newest first
 * (-plaatsgevondenOp, as Open Klant 2.18), so the pages are walked in order.
 */
export function listSource(client: KlantinteractiesClient, filters: Query): SearchSource {
  return {
    ordered: true,
    async *records(budget) {
      for (let page = 1; !budget.exhausted; page += 1) {
        const reply = await client.get<Page<KlantcontactRecord>>('klantcontacten', {
          ...filters,
          ...EXPAND_BETROKKENEN,
          pageSize: LIST_PAGE_SIZE,
          page,
        })
        const granted = budget.take(reply.results.length)
        yield* reply.results.slice(0, granted)
        if (reply.next === null || granted < reply.results.length) {
          return
        }
      }
    },
  }
}

/** Klantcontacten known by uuid (a betrokkene's `hadKlantcontact`): read, then sorted newest first. */
export function uuidSource(reader: KlantcontactReader, uuids: readonly string[]): SearchSource {
  return {
    ordered: true,
    async *records(budget) {
      const unique = [...new Set(uuids)]
      const wanted = unique.slice(0, budget.take(unique.length))
      const found = await readAll(reader, wanted)
      yield* found.sort(newestFirst)
    },
  }
}

/**
 * The klantcontacten the agent's medewerker actor is linked to (`GET /actorklantcontacten`, as the
 * recent list did: `/klantcontacten` cannot filter on actor). Links come newest link first, the order
 * in which the agent handled them; each page of links is sorted by date within itself, so this source
 * is not strictly ordered by `plaatsgevondenOp`.
 */
export function mijnSource(
  client: KlantinteractiesClient,
  reader: KlantcontactReader,
  actor: string,
): SearchSource {
  return {
    ordered: false,
    async *records(budget) {
      const seen = new Set<string>()
      for (let page = 1; !budget.exhausted; page += 1) {
        const links = await client.get<Page<ActorKlantcontact>>('actorklantcontacten', {
          actor__uuid: actor,
          pageSize: LINK_PAGE_SIZE,
          page,
        })
        const fresh = links.results.map((l) => l.klantcontact.uuid).filter((uuid) => !seen.has(uuid))
        fresh.forEach((uuid) => seen.add(uuid))
        const granted = budget.take(fresh.length)
        const found = await readAll(reader, fresh.slice(0, granted))
        yield* found.sort(newestFirst)
        if (links.next === null || granted < fresh.length) {
          return
        }
      }
    },
  }
}

async function readAll(reader: KlantcontactReader, uuids: readonly string[]): Promise<KlantcontactRecord[]> {
  const found: KlantcontactRecord[] = []
  for (let i = 0; i < uuids.length; i += PARALLEL) {
    const batch = await Promise.all(uuids.slice(i, i + PARALLEL).map((uuid) => reader.byUuid(uuid)))
    found.push(...batch.filter((k): k is KlantcontactRecord => k !== null))
  }
  return found
}

export function newestFirst(a: KlantcontactRecord, b: KlantcontactRecord): number {
  return time(b) - time(a) || (b.nummer ?? '').localeCompare(a.nummer ?? '')
}

const time = (k: KlantcontactRecord): number => Date.parse(k.plaatsgevondenOp ?? '') || 0
