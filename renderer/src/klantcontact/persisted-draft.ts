import type { ContactnaamInput, RegisterKlantcontactInput } from '../../../shared/gateway/api'
import { isUuid } from '../../../shared/text/uuid'
import {
  DRAFT_FIELDS,
  isPending,
  type DraftAanleiding,
  type DraftStatus,
  type FieldErrors,
  type KlantcontactDraft,
  type PartijSuggestion,
} from './draft'
import { toRegisterInput } from './to-register-input'

/**
 * Reads back a draft from localStorage as foreign input: another version of the app, a half-written
 * value or a hand-edited profile must never crash the app. A value that is not a draft is dropped
 * (`undefined`); optional parts that are broken are left out.
 *
 * A draft that was `sending` when the app went away comes back `queued`: the outcome is unknown, and
 * sending it again with the same key lets the gateway settle it (docs/gateway.md, "Registering a
 * contact exactly once").
 */
export function parseDraft(value: unknown): KlantcontactDraft | undefined {
  if (!isRecord(value)) {
    return undefined
  }
  const text = (key: string): string | undefined => (typeof value[key] === 'string' ? value[key] : undefined)
  const flag = (key: string): boolean | undefined =>
    typeof value[key] === 'boolean' ? value[key] : undefined
  const id = text('id')
  const agentLogin = text('agentLogin')
  const createdAt = text('createdAt')
  const kanaal = text('kanaal')
  const plaatsgevondenOp = text('plaatsgevondenOp')
  const taal = text('taal')
  const naamKlant = text('naamKlant')
  const onderwerp = text('onderwerp')
  const inhoud = text('inhoud')
  const plaatsgevondenOpEdited = flag('plaatsgevondenOpEdited')
  const vertrouwelijk = flag('vertrouwelijk')
  const indicatieContactGelukt = flag('indicatieContactGelukt')
  const status = parseStatus(value['status'])
  if (
    id === undefined ||
    !isUuid(id) ||
    agentLogin === undefined ||
    createdAt === undefined ||
    kanaal === undefined ||
    plaatsgevondenOp === undefined ||
    taal === undefined ||
    naamKlant === undefined ||
    onderwerp === undefined ||
    inhoud === undefined ||
    plaatsgevondenOpEdited === undefined ||
    vertrouwelijk === undefined ||
    indicatieContactGelukt === undefined ||
    status === undefined
  ) {
    return undefined
  }
  const optional = (key: keyof KlantcontactDraft): Partial<KlantcontactDraft> => {
    const found = text(key)
    return found === undefined ? {} : { [key]: found }
  }
  const suggestion = parseSuggestion(value['suggestion'])
  const aanleiding = parseAanleiding(value['aanleiding'])
  const draft: KlantcontactDraft = {
    id,
    agentLogin,
    createdAt,
    ...optional('callId'),
    ...optional('sipCallId'),
    ...optional('callerNumber'),
    kanaal,
    plaatsgevondenOp,
    plaatsgevondenOpEdited,
    taal,
    vertrouwelijk,
    indicatieContactGelukt,
    naamKlant,
    onderwerp,
    inhoud,
    ...(aanleiding ? { aanleiding } : {}),
    ...optional('partijUuid'),
    ...(suggestion ? { suggestion } : {}),
    status: status === 'sending' ? 'queued' : status,
    ...optional('nummer'),
    ...optional('uuid'),
    fieldErrors: parseFieldErrors(value['fieldErrors']),
    ...optional('lastError'),
  }
  if (!isPending(draft.status)) {
    return draft
  }
  // The frozen body; rebuilt from the (read-only, hence unchanged) fields only if it was lost, and
  // back to the agent if even that fails.
  const request = parseRequest(value['request']) ?? rebuildRequest(draft)
  return request ? { ...draft, request } : { ...draft, status: 'editing' }
}

function rebuildRequest(draft: KlantcontactDraft): RegisterKlantcontactInput | undefined {
  try {
    return toRegisterInput(draft)
  } catch {
    return undefined
  }
}

const STATUSES: readonly DraftStatus[] = ['editing', 'queued', 'sending', 'waiting', 'rejected', 'saved']

function parseStatus(value: unknown): DraftStatus | undefined {
  return STATUSES.find((status) => status === value)
}

function parseSuggestion(value: unknown): PartijSuggestion | undefined {
  if (isRecord(value) && typeof value['uuid'] === 'string' && typeof value['naam'] === 'string') {
    return { uuid: value['uuid'], naam: value['naam'] }
  }
  return undefined
}

function parseAanleiding(value: unknown): DraftAanleiding | undefined {
  if (
    isRecord(value) &&
    typeof value['interneTaakUuid'] === 'string' &&
    isUuid(value['interneTaakUuid']) &&
    typeof value['klantcontactUuid'] === 'string' &&
    isUuid(value['klantcontactUuid'])
  ) {
    const nummer = value['klantcontactNummer']
    return {
      interneTaakUuid: value['interneTaakUuid'],
      klantcontactUuid: value['klantcontactUuid'],
      klantcontactNummer: typeof nummer === 'string' ? nummer : null,
    }
  }
  return undefined
}

function parseFieldErrors(value: unknown): FieldErrors {
  const errors: FieldErrors = {}
  if (isRecord(value)) {
    for (const field of DRAFT_FIELDS) {
      const reason = value[field]
      if (typeof reason === 'string') {
        errors[field] = reason
      }
    }
  }
  return errors
}

function parseRequest(value: unknown): RegisterKlantcontactInput | undefined {
  if (!isRecord(value) || typeof value['kanaal'] !== 'string' || typeof value['onderwerp'] !== 'string') {
    return undefined
  }
  const request: RegisterKlantcontactInput = { kanaal: value['kanaal'], onderwerp: value['onderwerp'] }
  for (const key of [
    'inhoud',
    'taal',
    'plaatsgevondenOp',
    'partijUuid',
    'aanleidingKlantcontactUuid',
    'telefoonnummer',
  ] as const) {
    const found = value[key]
    if (typeof found === 'string') {
      request[key] = found
    } else if (found !== undefined) {
      return undefined
    }
  }
  for (const key of ['vertrouwelijk', 'indicatieContactGelukt'] as const) {
    const found = value[key]
    if (typeof found === 'boolean') {
      request[key] = found
    } else if (found !== undefined) {
      return undefined
    }
  }
  const contactnaam = value['contactnaam']
  if (contactnaam !== undefined) {
    const parsed = parseContactnaam(contactnaam)
    if (parsed === undefined) {
      return undefined
    }
    request.contactnaam = parsed
  }
  return request
}

function parseContactnaam(value: unknown): ContactnaamInput | undefined {
  if (!isRecord(value)) {
    return undefined
  }
  const naam: ContactnaamInput = {}
  for (const key of ['voorletters', 'voornaam', 'voorvoegselAchternaam', 'achternaam'] as const) {
    const found = value[key]
    if (typeof found === 'string') {
      naam[key] = found
    } else if (found !== undefined) {
      return undefined
    }
  }
  return naam
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
