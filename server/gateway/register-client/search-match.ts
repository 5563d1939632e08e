import { dayOf, type SearchCriteria } from './search-criteria'
import type { Betrokkene, KlantcontactRecord } from './types'

/**
 * Whether a klantcontact read from the register meets every criterion of a search (combining
 * criteria is AND). The register is asked with its own filters where the OAS has one (search.ts);
 * this check runs on every record anyway, because only one source can drive the walk through the
 * register, the others are checked here, and a register that ignored a filter would otherwise
 * answer strangers' contacts.
 */
export interface SearchMatchContext {
  criteria: SearchCriteria
  /** The agent's medewerker actor, for `mijn`. */
  actor: string
  /**
   * For `telefoonnummer`: the partijen whose number it is, and the betrokkenen who gave it (each
   * with the klantcontact it belongs to).
   */
  telefoon: { partijen: ReadonlySet<string>; betrokkenen: ReadonlyMap<string, string> }
  /** For `naam`: the spellings asked of the register (naam-spellings.ts). */
  naam: NaamSpellings
}

export interface NaamSpellings {
  /** Each a contactnaam as the register's exact filters compare it. */
  contactnamen: Array<{ voorvoegselAchternaam?: string; achternaam: string }>
  organisatienamen: string[]
}

export function matches(k: KlantcontactRecord, context: SearchMatchContext): boolean {
  const { criteria } = context
  const betrokkenen = k._expand?.hadBetrokkenen ?? []
  if (criteria.nummer !== undefined && k.nummer !== criteria.nummer) {
    return false
  }
  if (
    criteria.onderwerp !== undefined &&
    !k.onderwerp.toLowerCase().includes(criteria.onderwerp.toLowerCase())
  ) {
    return false
  }
  if (criteria.mijn && !(k.hadBetrokkenActoren ?? []).some((a) => a.uuid === context.actor)) {
    return false
  }
  if (criteria.telefoonnummer !== undefined && !betrokkenen.some((b) => hasNumber(b, context))) {
    return false
  }
  if (criteria.naam !== undefined && !betrokkenen.some((b) => hasNaam(b, context.naam))) {
    return false
  }
  return withinDays(k, criteria)
}

/** Inside van/tot (both inclusive); a contact without a date is outside any range. */
export function withinDays(k: KlantcontactRecord, criteria: SearchCriteria): boolean {
  if (criteria.van === undefined && criteria.tot === undefined) {
    return true
  }
  const day = dayOf(k.plaatsgevondenOp)
  return (
    day !== null &&
    (criteria.van === undefined || day >= criteria.van) &&
    (criteria.tot === undefined || day <= criteria.tot)
  )
}

function hasNumber(b: Betrokkene, context: SearchMatchContext): boolean {
  const partij = b.wasPartij?.uuid
  return (
    context.telefoon.betrokkenen.has(b.uuid) ||
    (partij !== undefined && context.telefoon.partijen.has(partij))
  )
}

function hasNaam(b: Betrokkene, naam: NaamSpellings): boolean {
  const achternaam = b.contactnaam?.achternaam ?? ''
  const voorvoegsel = b.contactnaam?.voorvoegselAchternaam ?? ''
  return (
    naam.contactnamen.some(
      (c) =>
        c.achternaam === achternaam &&
        (c.voorvoegselAchternaam === undefined || c.voorvoegselAchternaam === voorvoegsel),
    ) ||
    (b.organisatienaam !== undefined && naam.organisatienamen.includes(b.organisatienaam))
  )
}
