import type { PartijMatchView } from '../../../shared/gateway/api'
import type { DigitaalAdres, Partij } from '../../../shared/api/klantinteracties'
import type { KlantinteractiesClient, Query } from './client'
import { registerSpellings, samePhoneNumber, toE164 } from './phone-number'
import type { Page } from './types'

/**
 * Which known partijen a caller's number belongs to: the partijen that gave it as a digitaal adres
 * of soort telefoonnummer (OAS 0.9.0 `DigitaalAdres.verstrektDoorPartij`). The agent app offers the
 * names when a call rings; it never fills one in by itself, as several partijen may share a number.
 *
 * The register is asked with its exact `adres` filter (`GET /digitaleadressen?adres=`, OAS 0.9.0),
 * once per spelling the register can hold (phone-number.ts: `0…`, `+31…`, `0031…`; Open Klant 2.13+
 * and our provider refuse separators), in parallel. An equality match is selective and can use an
 * index (our provider has one on `adres`); `adres__icontains` with the national number would be one
 * request, but a substring match (`LIKE '%…%'`) reads every digitaal adres in the register. Numbers
 * stored with separators before Open Klant 2.13 validated them are not found.
 *
 * The OAS has no "partijen by uuid" list filter, so each partij is read on its own (at most
 * `CANDIDATES`). Skipped: partijen that are not active (OAS `Partij.indicatieActief`: "Gegevens van
 * niet-actieve partijen mogen hiervoor niet worden gebruikt"), that no longer exist, or that have no
 * name to offer.
 */
export const MAX_MATCHES = 5
/** Digitale adressen per spelling: a shared number (a family, an office) can belong to several partijen. */
const PAGE_SIZE = 20
/** OAS 0.9.0 `SoortPartijEnum`. */
const SOORTEN_PARTIJ = ['persoon', 'organisatie', 'contactpersoon'] as const
/** Partijen read to find MAX_MATCHES active ones with a name. */
const CANDIDATES = 2 * MAX_MATCHES

export class PartijLookup {
  constructor(private readonly client: KlantinteractiesClient) {}

  async byTelefoonnummer(telefoonnummer: string): Promise<PartijMatchView[]> {
    const e164 = toE164(telefoonnummer)
    if (e164 === null) {
      return []
    }
    return this.partijenOf(await this.digitaleAdressen(e164))
  }

  /**
   * The register's digitale adressen of soort telefoonnummer for this number, one exact request per
   * spelling, in parallel. `query` adds to the request (the caller's picture asks for the
   * betrokkenen's klantcontacten in the same call, klantbeeld.ts).
   */
  async digitaleAdressen<T extends DigitaalAdres = DigitaalAdres>(
    e164: string,
    query: Query = {},
  ): Promise<T[]> {
    const found = await Promise.all(
      registerSpellings(e164).map(async (adres) => {
        const page = await this.client.get<Page<T>>('digitaleadressen', {
          ...query,
          soortDigitaalAdres: 'telefoonnummer',
          adres,
          pageSize: PAGE_SIZE,
        })
        return page.count > page.results.length
          ? [...page.results, ...(await this.partijAdressen<T>(adres, query))]
          : page.results
      }),
    )
    // Checked again here: a register that ignored a filter would otherwise offer strangers.
    const seen = new Set<string>()
    return found
      .flat()
      .filter((d) => d.soortDigitaalAdres === 'telefoonnummer' && samePhoneNumber(d.adres, e164))
      .filter((d) => !seen.has(d.uuid) && seen.add(d.uuid))
  }

  /**
   * A full page means the number has more digitale adressen than one page shows: every registered
   * call stores the caller's number as its betrokkene's digitaal adres (maak-klantcontact.ts), and the
   * register lists the newest first, so after many calls a partij's own, older, number falls off the
   * page. Then the partijen's numbers are asked for separately: the OAS filters digitale adressen by
   * the soortPartij of the partij that gave them (`verstrektDoorPartij__soortPartij`), which leaves
   * out those given by betrokkenen; one request per soort, in parallel.
   */
  private async partijAdressen<T extends DigitaalAdres>(adres: string, query: Query): Promise<T[]> {
    const pages = await Promise.all(
      SOORTEN_PARTIJ.map((soortPartij) =>
        this.client.get<Page<T>>('digitaleadressen', {
          ...query,
          soortDigitaalAdres: 'telefoonnummer',
          adres,
          verstrektDoorPartij__soortPartij: soortPartij,
          pageSize: PAGE_SIZE,
        }),
      ),
    )
    return pages.flatMap((page) => page.results)
  }

  /** The uuids of the partijen that gave one of these digitale adressen, without repeats. */
  partijUuidsOf(digitaleAdressen: readonly DigitaalAdres[]): string[] {
    const uuids = new Set<string>()
    for (const digitaalAdres of digitaleAdressen) {
      const partij = digitaalAdres.verstrektDoorPartij?.uuid
      if (partij) {
        uuids.add(partij)
      }
    }
    return [...uuids].slice(0, CANDIDATES)
  }

  /** The active, named partijen behind these digitale adressen (at most MAX_MATCHES). */
  async partijenOf(digitaleAdressen: readonly DigitaalAdres[]): Promise<PartijMatchView[]> {
    const partijen = await Promise.all(
      this.partijUuidsOf(digitaleAdressen).map((uuid) => this.client.find<Partij>(`partijen/${uuid}`)),
    )
    const matches: PartijMatchView[] = []
    for (const partij of partijen) {
      const naam = partij && partij.indicatieActief !== false ? naamOf(partij) : ''
      if (partij && naam) {
        matches.push({ uuid: partij.uuid, naam })
      }
    }
    return matches.slice(0, MAX_MATCHES)
  }
}

/**
 * The name to offer, per soortPartij: `Organisatie.naam`; for `Persoon` and `Contactpersoon` the
 * register's `volledigeNaam` (OAS 0.9.0, read-only, required), built from the contactnaam the partij
 * wants to be addressed by.
 */
export function naamOf(partij: Partij): string {
  if (partij.soortPartij === 'organisatie') {
    return partij.partijIdentificatie?.naam?.trim() ?? ''
  }
  return partij.partijIdentificatie?.volledigeNaam?.trim() ?? ''
}
