/**
 * What a search asks for, once the route has checked it (routes/klantcontacten-search.ts). Every
 * text is trimmed and non-empty; dates are YYYY-MM-DD days in Europe/Amsterdam, inclusive.
 */
export interface SearchCriteria {
  nummer?: string
  telefoonnummer?: string
  naam?: string
  onderwerp?: string
  van?: string
  tot?: string
  mijn: boolean
  page: number
  pageSize: number
}

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 50
/** Pages beyond this would lie past the read bound (search.ts `MAX_READ`) for any page size. */
export const MAX_PAGE = 25

/** A criterion that narrows the register's answer; a date range alone would read all of it. */
export function hasNarrowingCriterion(criteria: SearchCriteria): boolean {
  return (
    criteria.nummer !== undefined ||
    criteria.telefoonnummer !== undefined ||
    criteria.naam !== undefined ||
    criteria.onderwerp !== undefined ||
    criteria.mijn
  )
}

const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The day (YYYY-MM-DD, Europe/Amsterdam) on which a klantcontact took place, or null when unknown. */
export function dayOf(plaatsgevondenOp: string | null | undefined): string | null {
  const time = Date.parse(plaatsgevondenOp ?? '')
  return Number.isNaN(time) ? null : amsterdamDay.format(new Date(time))
}
