import type { FastifyInstance } from 'fastify'
import { CONTACTNAAM_LIMITS, KLANTCONTACT_LIMITS } from '../../../shared/api/klantinteracties-limits'
import type { KlantcontactSearchView } from '../../../shared/gateway/search'
import {
  KLANTCONTACTNUMMER_REASON,
  parseTypedKlantcontactnummer,
} from '../../../shared/klantcontact/klantcontactnummer'
import { invalidCharacterParams } from '../../lib/validation/text-characters'
import { disclosed } from '../audit/objects'
import type { AuditObject } from '../audit/types'
import { agentOf } from '../auth/guard'
import { validationError, type InvalidParam } from '../http/problems'
import {
  DEFAULT_PAGE_SIZE,
  hasNarrowingCriterion,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  type SearchCriteria,
} from '../register-client/search-criteria'
import type { GatewayServices } from '../services'

/**
 * `GET /api/klantcontacten/zoeken?nummer=&telefoonnummer=&naam=&onderwerp=&van=&tot=&mijn=&page=&pageSize=`
 * → KlantcontactSearchView (shared/gateway/search.ts; docs/gateway.md, "Zoeken"). Any agent may
 * search; what each result shows follows the vertrouwelijk rule (register-client/summary.ts), and
 * `bewerkbaar` says whether the agent may add to it (register-client/access.ts `mayAddTo`).
 *
 * The query holds personal data (a number, a name, onderwerp text): the audit line names every
 * klantcontact returned and never the query (BIO2 8.15.02), and the shared logger logs no query
 * string (server/lib/logger.ts).
 */
const TELEFOONNUMMER = /^\+?[0-9 ()-]{3,25}$/
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const FIELDS = ['nummer', 'telefoonnummer', 'naam', 'onderwerp', 'van', 'tot', 'mijn', 'page', 'pageSize']

type Query = Record<string, unknown>

export function registerKlantcontactSearchRoutes(app: FastifyInstance, services: GatewayServices): void {
  // A static path: find-my-way matches it before the parametric `/api/klantcontacten/:uuid/...`.
  app.get<{ Querystring: Query }>(
    '/api/klantcontacten/zoeken',
    { config: { audit: { action: 'klantcontact.zoeken', resource: 'klantcontact' } } },
    async (request): Promise<KlantcontactSearchView> => {
      const criteria = criteriaOf(request.query)
      const view = await services.search.search(agentOf(request), criteria)
      disclosed(
        request,
        view.results.map((r): AuditObject => ({
          type: 'klantcontact',
          uuid: r.uuid,
          ...(r.nummer ? { nummer: r.nummer } : {}),
        })),
      )
      return view
    },
  )
}

/** The checked criteria, or a 400 naming every field that is wrong. */
export function criteriaOf(query: Query): SearchCriteria {
  const errors: InvalidParam[] = []
  const invalid = (name: string, reason: string, code = 'invalid'): void => {
    errors.push({ name, code, reason })
  }
  for (const name of Object.keys(query)) {
    if (!FIELDS.includes(name)) {
      invalid(name, 'Dit zoekveld bestaat niet.', 'unknown_field')
    }
  }
  const text = (name: string, max: number): string | undefined => {
    const value = query[name]
    if (value === undefined) {
      return undefined
    }
    if (typeof value !== 'string') {
      invalid(name, 'Geef dit zoekveld één keer op.')
      return undefined
    }
    const trimmed = value.trim()
    if (trimmed === '') {
      invalid(name, 'Dit zoekveld mag niet leeg zijn; laat het weg als u er niet op zoekt.', 'blank')
      return undefined
    }
    if (trimmed.length > max) {
      invalid(name, `Zorg ervoor dat dit zoekveld niet meer dan ${max} karakters bevat.`, 'max_length')
      return undefined
    }
    return trimmed
  }
  const typedNummer = text('nummer', 40)
  const nummer = typedNummer === undefined ? undefined : parseTypedKlantcontactnummer(typedNummer)
  if (typedNummer !== undefined && nummer === undefined) {
    invalid('nummer', KLANTCONTACTNUMMER_REASON)
  }
  const telefoonnummer = text('telefoonnummer', 40)
  if (telefoonnummer !== undefined && !TELEFOONNUMMER.test(telefoonnummer)) {
    invalid(
      'telefoonnummer',
      'Een telefoonnummer bestaat uit cijfers, eventueel met +, spaties, haakjes of streepjes.',
    )
  }
  const naam = text('naam', Math.max(CONTACTNAAM_LIMITS.achternaam, 200))
  const onderwerp = text('onderwerp', KLANTCONTACT_LIMITS.onderwerp)
  const van = day(text('van', 10), 'van', invalid)
  const tot = day(text('tot', 10), 'tot', invalid)
  if (van !== undefined && tot !== undefined && van > tot) {
    invalid('tot', 'De einddatum ligt vóór de begindatum.')
  }
  const mijn = text('mijn', 5)
  if (mijn !== undefined && mijn !== 'true' && mijn !== 'false') {
    invalid('mijn', 'Moet true of false zijn.')
  }
  const page = whole(text('page', 4), 'page', 1, MAX_PAGE, 1, invalid)
  const pageSize = whole(text('pageSize', 4), 'pageSize', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, invalid)
  errors.push(...invalidCharacterParams(query))
  const criteria: SearchCriteria = {
    ...(nummer !== undefined ? { nummer } : {}),
    ...(telefoonnummer !== undefined ? { telefoonnummer } : {}),
    ...(naam !== undefined ? { naam } : {}),
    ...(onderwerp !== undefined ? { onderwerp } : {}),
    ...(van !== undefined ? { van } : {}),
    ...(tot !== undefined ? { tot } : {}),
    mijn: mijn === 'true',
    page,
    pageSize,
  }
  if (errors.length === 0 && !hasNarrowingCriterion(criteria)) {
    invalid(
      'nonFieldErrors',
      'Zoek op een nummer, telefoonnummer, naam of onderwerp, of op uw eigen klantcontacten; een periode alleen is niet genoeg.',
      'required',
    )
  }
  if (errors.length > 0) {
    throw validationError(errors)
  }
  return criteria
}

/** A calendar date as YYYY-MM-DD that exists (no 31 februari). */
function day(
  value: string | undefined,
  name: string,
  invalid: (name: string, reason: string) => void,
): string | undefined {
  if (value === undefined) {
    return undefined
  }
  const parts = DAY.exec(value)
  const date = parts ? new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))) : null
  if (!date || date.toISOString().slice(0, 10) !== value) {
    invalid(name, 'Geef een bestaande datum als JJJJ-MM-DD.')
    return undefined
  }
  return value
}

function whole(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
  invalid: (name: string, reason: string) => void,
): number {
  if (value === undefined) {
    return fallback
  }
  const n = /^[0-9]{1,4}$/.test(value) ? Number(value) : Number.NaN
  if (!(n >= min && n <= max)) {
    invalid(name, `Geef een geheel getal van ${min} tot en met ${max}.`)
    return fallback
  }
  return n
}
