import type { KlantinteractiesClient } from '../register-client/client'
import type { InterneTaak, Page } from '../register-client/types'

/**
 * The interne taken of an inbox as the register lists them (`GET /internetaken`,
 * `toegewezenAanActor__uuid` matches any of `toegewezenAanActoren`). The register offers no
 * ordering parameter; Open Klant lists interne taken by primary key, oldest first, and
 * `toegewezenOp` is set once, at creation, so that is the inbox's order too.
 *
 * Open ones are read page by page, all of them up to {@link OPEN_MAX} per actor (10 pages of 100):
 * an inbox with more than that is a backlog no one works through from a list, and reading on would
 * only spend the request's time budget. Verwerkt ones: the newest {@link VERWERKT_MAX}, from the
 * last page back.
 */
export const PAGE_SIZE = 100
export const OPEN_MAX_PAGES = 10
export const OPEN_MAX = PAGE_SIZE * OPEN_MAX_PAGES
export const VERWERKT_MAX = 50

export type TaakStatus = 'te_verwerken' | 'verwerkt'

export class InterneTaken {
  constructor(private readonly client: KlantinteractiesClient) {}

  /** Open interne taken assigned to `actor`, oldest first, at most {@link OPEN_MAX}. */
  async openFor(actor: string): Promise<InterneTaak[]> {
    const taken: InterneTaak[] = []
    for (let page = 1; page <= OPEN_MAX_PAGES; page++) {
      const found = await this.page(actor, 'te_verwerken', page, PAGE_SIZE)
      if (!found) {
        break
      }
      taken.push(...found.results)
      if (!found.next) {
        break
      }
    }
    return taken
  }

  /** The newest {@link VERWERKT_MAX} verwerkt interne taken assigned to `actor` (any order). */
  async verwerktFor(actor: string): Promise<InterneTaak[]> {
    const first = await this.page(actor, 'verwerkt', 1, VERWERKT_MAX)
    if (!first || first.count <= VERWERKT_MAX) {
      return first?.results ?? []
    }
    const last = Math.ceil(first.count / VERWERKT_MAX)
    const [tail, before] = await Promise.all([
      this.page(actor, 'verwerkt', last, VERWERKT_MAX),
      this.page(actor, 'verwerkt', last - 1, VERWERKT_MAX),
    ])
    return [...(before?.results ?? []), ...(tail?.results ?? [])]
  }

  get(uuid: string): Promise<InterneTaak | null> {
    return this.client.find<InterneTaak>(`internetaken/${uuid}`)
  }

  patch(uuid: string, body: Partial<Record<keyof InterneTaak, unknown>>): Promise<InterneTaak> {
    return this.client.patch<InterneTaak>(`internetaken/${uuid}`, body)
  }

  private page(actor: string, status: TaakStatus, page: number, pageSize: number) {
    return this.client.find<Page<InterneTaak>>('internetaken', {
      toegewezenAanActor__uuid: actor,
      status,
      page,
      pageSize,
    })
  }
}

/** Oldest first; the uuid breaks ties so every instance orders alike. */
export function byToegewezenOp(a: InterneTaak, b: InterneTaak): number {
  const left = a.toegewezenOp ?? ''
  const right = b.toegewezenOp ?? ''
  return left < right ? -1 : left > right ? 1 : a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0
}

/** Several actors' lists as one, each taak once. */
export function uniqueTaken(lists: readonly InterneTaak[][]): InterneTaak[] {
  const seen = new Map<string, InterneTaak>()
  for (const taak of lists.flat()) {
    seen.set(taak.uuid, taak)
  }
  return [...seen.values()]
}
