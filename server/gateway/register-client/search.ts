import type { KlantcontactSearchView } from '../../../shared/gateway/search'
import type { Betrokkene } from '../../../shared/api/klantinteracties'
import type { AgentIdentity } from '../auth/authenticator'
import type { AccessPolicy } from './access'
import type { ActorRegistry } from './actors'
import type { KlantinteractiesClient, Query } from './client'
import type { PartijLookup } from './partij-lookup'
import { registerSpellings, toE164 } from './phone-number'
import type { KlantcontactReader } from './reader'
import { dayOf, type SearchCriteria } from './search-criteria'
import { matches, type NaamSpellings, type SearchMatchContext } from './search-match'
import { naamSpellings } from './search-naam'
import {
  listSource,
  mijnSource,
  newestFirst,
  ReadBudget,
  uuidSource,
  type SearchSource,
} from './search-sources'
import type { SummaryBuilder } from './summary'
import type { KlantcontactRecord, Page } from './types'

/**
 * Searching klantcontacten (docs/gateway.md, "Zoeken"). The register's `GET /klantcontacten` can
 * filter on nummer (exact) and onderwerp (icontains), and on a betrokkene or its partij by uuid, but
 * not on a phone number in any spelling, a name, an actor or a date range. So the most selective
 * criterion drives the walk through the register (its own filter, or the klantcontacten of the
 * betrokkenen and partijen it points to), and every record read is checked against all criteria
 * (search-match.ts). The walk reads at most {@link MAX_READ} klantcontacten per search: past that, a
 * search answers what it found and says there is no next page; narrowing the search finds the rest.
 */
export const MAX_READ = 500
/** Betrokkenen read per lookup (a name or a number shared by many contacts). */
const BETROKKENEN_PAGE_SIZE = 100

export interface SearchDeps {
  client: KlantinteractiesClient
  reader: KlantcontactReader
  actors: ActorRegistry
  partijen: PartijLookup
  access: AccessPolicy
  summaries: SummaryBuilder
}

export class KlantcontactSearch {
  constructor(private readonly deps: SearchDeps) {}

  async search(agent: AgentIdentity, criteria: SearchCriteria): Promise<KlantcontactSearchView> {
    const context = await this.contextFor(agent, criteria)
    const sources = context ? await this.sourcesFor(criteria, context) : []
    const wanted = criteria.page * criteria.pageSize + 1
    const budget = new ReadBudget(MAX_READ)
    const found = new Map<string, KlantcontactRecord>()
    await Promise.all(
      sources.map(async (source) => {
        let accepted = 0
        for await (const k of source.records(budget)) {
          if (
            source.ordered &&
            criteria.van !== undefined &&
            (dayOf(k.plaatsgevondenOp) ?? '') < criteria.van
          ) {
            return
          }
          if (context && (await this.accepts(agent, k, context))) {
            found.set(k.uuid, k)
            accepted += 1
            // Each source's newest `wanted` hold the newest `wanted` of all sources together.
            if (accepted >= wanted) {
              return
            }
          }
        }
      }),
    )
    const all = [...found.values()].sort(newestFirst)
    const start = (criteria.page - 1) * criteria.pageSize
    const page = all.slice(start, start + criteria.pageSize)
    const [summaries, bewerkbaar] = await Promise.all([
      this.deps.summaries.summariesFor(agent, page),
      Promise.all(page.map((k) => this.deps.access.mayAddTo(agent, k))),
    ])
    return {
      results: summaries.map((s, i) => ({ ...s, bewerkbaar: bewerkbaar[i] === true })),
      page: criteria.page,
      next: all.length > start + criteria.pageSize,
    }
  }

  /**
   * Onderwerp text is content: a vertrouwelijk klantcontact the agent may not read is not found by
   * it, or the search would tell what its hidden onderwerp says.
   */
  private async accepts(
    agent: AgentIdentity,
    k: KlantcontactRecord,
    context: SearchMatchContext,
  ): Promise<boolean> {
    if (!matches(k, context)) {
      return false
    }
    return context.criteria.onderwerp === undefined || (await this.deps.access.canSeeContent(agent, k))
  }

  /** What the checks need; null when nothing can match (a number with no public form). */
  private async contextFor(
    agent: AgentIdentity,
    criteria: SearchCriteria,
  ): Promise<SearchMatchContext | null> {
    const [actor, telefoon] = await Promise.all([
      criteria.mijn ? this.deps.actors.medewerker(agent) : Promise.resolve(''),
      criteria.telefoonnummer !== undefined
        ? this.telefoonOf(criteria.telefoonnummer)
        : Promise.resolve(null),
    ])
    if (criteria.telefoonnummer !== undefined && telefoon === null) {
      return null
    }
    return {
      criteria,
      actor,
      telefoon: telefoon ?? { partijen: new Set(), betrokkenen: new Map() },
      naam:
        criteria.naam !== undefined
          ? naamSpellings(criteria.naam)
          : { contactnamen: [], organisatienamen: [] },
    }
  }

  /**
   * A number belongs to the partijen that gave it (PartijLookup: active ones with a name) and to the
   * betrokkenen who gave it on a contact (`GET /betrokkenen?verstrektedigitaalAdres__adres=`, exact,
   * once per spelling the register can hold: phone-number.ts).
   */
  private async telefoonOf(
    telefoonnummer: string,
  ): Promise<{ partijen: Set<string>; betrokkenen: Map<string, string> } | null> {
    const e164 = toE164(telefoonnummer)
    if (e164 === null) {
      return null
    }
    const [partijen, pages] = await Promise.all([
      this.deps.partijen.byTelefoonnummer(telefoonnummer),
      Promise.all(
        registerSpellings(e164).map((adres) => this.betrokkenen({ verstrektedigitaalAdres__adres: adres })),
      ),
    ])
    return { partijen: new Set(partijen.map((p) => p.uuid)), betrokkenen: klantcontactenOf(pages.flat()) }
  }

  private async sourcesFor(criteria: SearchCriteria, context: SearchMatchContext): Promise<SearchSource[]> {
    const { client, reader } = this.deps
    const registerFilters: Query = criteria.onderwerp !== undefined ? { onderwerp: criteria.onderwerp } : {}
    if (criteria.nummer !== undefined) {
      return [listSource(client, { ...registerFilters, nummer: criteria.nummer })]
    }
    if (criteria.telefoonnummer !== undefined) {
      const betrokkenen = context.telefoon.betrokkenen
      return [
        ...[...context.telefoon.partijen].map((partij) =>
          listSource(client, { ...registerFilters, hadBetrokkene__wasPartij__uuid: partij }),
        ),
        uuidSource(reader, [...betrokkenen.values()]),
      ]
    }
    if (criteria.naam !== undefined) {
      return [uuidSource(reader, [...(await this.byNaam(context.naam)).values()])]
    }
    if (criteria.mijn) {
      return [mijnSource(client, reader, context.actor)]
    }
    return [listSource(client, registerFilters)]
  }

  /** Betrokkene uuid → klantcontact uuid, for every spelling of the naam (search-naam.ts). */
  private async byNaam(naam: NaamSpellings): Promise<Map<string, string>> {
    const queries: Query[] = [
      ...naam.contactnamen.map((c) => ({
        contactnaamAchternaam: c.achternaam,
        ...(c.voorvoegselAchternaam !== undefined
          ? { contactnaamVoorvoegselAchternaam: c.voorvoegselAchternaam }
          : {}),
      })),
      ...naam.organisatienamen.map((organisatienaam) => ({ organisatienaam })),
    ]
    const pages = await Promise.all(queries.map((query) => this.betrokkenen(query)))
    return klantcontactenOf(pages.flat())
  }

  private async betrokkenen(query: Query): Promise<Betrokkene[]> {
    const page = await this.deps.client.get<Page<Betrokkene>>('betrokkenen', {
      ...query,
      pageSize: BETROKKENEN_PAGE_SIZE,
    })
    return page.results
  }
}

function klantcontactenOf(betrokkenen: readonly Betrokkene[]): Map<string, string> {
  return new Map(betrokkenen.map((b) => [b.uuid, b.hadKlantcontact.uuid]))
}
