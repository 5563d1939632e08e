import type { KlantcontactSearchQuery } from '../../../shared/gateway/search'
import { parseTypedKlantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { parseNlDate } from '../klantcontact/local-time'

/**
 * The search form as the agent fills it in, and the query it becomes (gateway
 * `GET /api/klantcontacten/zoeken`, docs/gateway.md "Zoeken"). Checked here first, so the agent
 * hears what is wrong at the field without a round trip; the gateway checks again.
 */
export interface SearchForm {
  readonly nummer: string
  readonly telefoonnummer: string
  readonly naam: string
  readonly onderwerp: string
  /** dd-mm-jjjj, as the app writes dates (klantcontact/local-time.ts). */
  readonly van: string
  readonly tot: string
}

export const EMPTY_FORM: SearchForm = {
  nummer: '',
  telefoonnummer: '',
  naam: '',
  onderwerp: '',
  van: '',
  tot: '',
}

/** The saved filter "Mijn recente": the agent's own klantcontacten, newest first, as the old list. */
export const MIJN_RECENTE: KlantcontactSearchQuery = { mijn: true }

export type SearchField = keyof SearchForm | 'form'

/** Why a field cannot be searched on; the messages name each (messages.ts `fouten`). */
export type SearchProblem = 'nummer' | 'telefoonnummer' | 'datum' | 'periode' | 'leeg'

export type SearchQueryResult =
  | { readonly ok: true; readonly query: KlantcontactSearchQuery }
  | { readonly ok: false; readonly errors: Partial<Record<SearchField, SearchProblem>> }

const TELEFOONNUMMER = /^\+?[0-9 ()-]{3,25}$/

export function searchQueryOf(form: SearchForm): SearchQueryResult {
  const errors: Partial<Record<SearchField, SearchProblem>> = {}
  const query: { -readonly [K in keyof KlantcontactSearchQuery]: KlantcontactSearchQuery[K] } = {}
  const nummer = form.nummer.trim()
  if (nummer !== '') {
    const parsed = parseTypedKlantcontactnummer(nummer)
    if (parsed === undefined) {
      errors.nummer = 'nummer'
    } else {
      query.nummer = parsed
    }
  }
  const telefoonnummer = form.telefoonnummer.trim()
  if (telefoonnummer !== '') {
    if (TELEFOONNUMMER.test(telefoonnummer)) {
      query.telefoonnummer = telefoonnummer
    } else {
      errors.telefoonnummer = 'telefoonnummer'
    }
  }
  const naam = form.naam.trim()
  if (naam !== '') {
    query.naam = naam
  }
  const onderwerp = form.onderwerp.trim()
  if (onderwerp !== '') {
    query.onderwerp = onderwerp
  }
  for (const field of ['van', 'tot'] as const) {
    const text = form[field].trim()
    if (text === '') {
      continue
    }
    const day = isoDay(text)
    if (day === undefined) {
      errors[field] = 'datum'
    } else {
      query[field] = day
    }
  }
  if (query.van !== undefined && query.tot !== undefined && query.van > query.tot) {
    errors.tot = 'periode'
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors }
  }
  if (query.nummer === undefined && query.telefoonnummer === undefined && naam === '' && onderwerp === '') {
    return { ok: false, errors: { form: 'leeg' } }
  }
  return { ok: true, query }
}

/** dd-mm-jjjj (or with / . or a space) as YYYY-MM-DD; undefined when it is no real date. */
function isoDay(text: string): string | undefined {
  const date = parseNlDate(text)
  if (date === undefined) {
    return undefined
  }
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${date.y}-${two(date.mo)}-${two(date.d)}`
}
