import type { RegisterKlantcontactInput } from '../../../shared/gateway/api'
import { missingCaseError } from '../lib/missing-case'

/**
 * A klantcontact the agent is writing, from the screen pop (or "Nieuw klantcontact") until the
 * gateway confirms it (docs/agent-app.md, "Screen pop and never losing a contact"). Plain,
 * serialisable data: it lives in the store and in localStorage, so a reload or a renderer crash
 * never loses it.
 *
 * Field names follow the Klantinteracties standard (OAS 0.9.0 Klantcontact); `naamKlant` is the one
 * text the agent types, split into a contactnaam when it is sent (naam-klant.ts).
 *
 * | from \ event | edit | save | send | confirmed | retryable | refused | requeue |
 * | ------------- | ------- | ------ | ------- | --------- | --------- | -------- | ------- |
 * | editing | editing | queued | – | – | – | – | – |
 * | queued | – | – | sending | – | – | – | – |
 * | sending | – | – | – | saved | waiting | rejected | queued |
 * | waiting | – | – | sending | – | – | – | – |
 * | rejected | editing | queued | – | – | – | – | – |
 * | saved | – | – | – | – | – | – | – |
 *
 * `save` only for a valid draft (validate.ts); `retryable`: unreachable, 5xx, 429 (outcome unknown,
 * the same key settles it); `refused`: 4xx (the gateway dropped its record, so the corrected draft
 * goes again with the same key, docs/gateway.md), or a 5xx that kept coming back (outbox.ts hands
 * the draft back to the agent); `requeue`: 401 (nothing happened; sent after the next login) or a
 * reload while sending (outcome unknown). `–` is refused.
 *
 * While queued, sending or waiting the fields are read-only: what was sent must be what is stored.
 */
export type DraftStatus = 'editing' | 'queued' | 'sending' | 'waiting' | 'rejected' | 'saved'

export type DraftEvent = 'edit' | 'save' | 'send' | 'confirmed' | 'retryable' | 'refused' | 'requeue'

/** The fields the agent sees, in the order of the form (focus goes to the first invalid one). */
export const DRAFT_FIELDS = [
  'naamKlant',
  'onderwerp',
  'inhoud',
  'kanaal',
  'plaatsgevondenOp',
  'taal',
  'vertrouwelijk',
] as const

export type DraftField = (typeof DRAFT_FIELDS)[number]

export type FieldErrors = Partial<Record<DraftField, string>>

/** A known partij whose digitaal adres matches the caller's number: offered, never filled in silently. */
export interface PartijSuggestion {
  readonly uuid: string
  readonly naam: string
}

/** What a call-back follows up. */
export interface DraftAanleiding {
  readonly interneTaakUuid: string
  readonly klantcontactUuid: string
  readonly klantcontactNummer: string | null
}

export interface KlantcontactDraft {
  /** crypto.randomUUID(); also the Idempotency-Key of its registration (docs/gateway.md). */
  readonly id: string
  readonly agentLogin: string
  /** ISO 8601, when the draft was made. */
  readonly createdAt: string
  /** The softphone's call id, for a screen pop. */
  readonly callId?: string
  /**
   * The SIP Call-ID of the caller's call. The queue may ring this agent again with the same caller
   * (after a reload, or a ring the phone missed); the screen pop then carries on with this draft.
   */
  readonly sipCallId?: string
  readonly callerNumber?: string
  readonly kanaal: string
  /** ISO 8601; set at ring time, replaced by the answer time unless the agent edited it. */
  readonly plaatsgevondenOp: string
  readonly plaatsgevondenOpEdited: boolean
  /** ISO 639-2/B, as the OAS asks. */
  readonly taal: string
  readonly vertrouwelijk: boolean
  readonly indicatieContactGelukt: boolean
  readonly naamKlant: string
  readonly onderwerp: string
  readonly inhoud: string
  /**
   * A call-back from the inbox: the contactverzoek (interne taak) it answers and the klantcontact
   * that led to it, which the gateway links to this one (RegisterKlantcontactInput).
   */
  readonly aanleiding?: DraftAanleiding
  /** Set only when the agent accepted a suggestion. */
  readonly partijUuid?: string
  readonly suggestion?: PartijSuggestion
  readonly status: DraftStatus
  /** The body frozen when the agent pressed Opslaan: every attempt with this key sends exactly it. */
  readonly request?: RegisterKlantcontactInput
  readonly nummer?: string
  readonly uuid?: string
  readonly fieldErrors: FieldErrors
  readonly lastError?: string
}

/** What the agent may change; anything else is set by the draft's own life. */
export type DraftPatch = Partial<
  Pick<
    KlantcontactDraft,
    'kanaal' | 'plaatsgevondenOp' | 'taal' | 'vertrouwelijk' | 'naamKlant' | 'onderwerp' | 'inhoud'
  >
>

export const KANAAL_TELEFOON = 'Telefoon'
export const DEFAULT_TAAL = 'nld'

interface NewDraft {
  readonly id: string
  readonly agentLogin: string
  /** Epoch ms: ring time for a call, now for a manual one. */
  readonly at: number
  readonly callId?: string
  readonly sipCallId?: string
  readonly callerNumber?: string
  readonly aanleiding?: DraftAanleiding
}

/** What a phone call implies, prefilled: kanaal Telefoon, taal nld, not vertrouwelijk, contact made. */
export function newDraft({
  id,
  agentLogin,
  at,
  callId,
  sipCallId,
  callerNumber,
  aanleiding,
}: NewDraft): KlantcontactDraft {
  const when = new Date(at).toISOString()
  return {
    id,
    agentLogin,
    createdAt: when,
    ...(callId !== undefined ? { callId } : {}),
    ...(sipCallId !== undefined && sipCallId !== '' ? { sipCallId } : {}),
    ...(callerNumber !== undefined && callerNumber !== '' ? { callerNumber } : {}),
    kanaal: KANAAL_TELEFOON,
    plaatsgevondenOp: when,
    plaatsgevondenOpEdited: false,
    taal: DEFAULT_TAAL,
    vertrouwelijk: false,
    indicatieContactGelukt: true,
    naamKlant: '',
    onderwerp: '',
    inhoud: '',
    ...(aanleiding !== undefined ? { aanleiding } : {}),
    status: 'editing',
    fieldErrors: {},
  }
}

/** The next status, or `undefined` when the event is impossible in `status`. Pure. */
export function nextStatus(status: DraftStatus, event: DraftEvent): DraftStatus | undefined {
  switch (status) {
    case 'editing':
      return event === 'edit' ? 'editing' : event === 'save' ? 'queued' : undefined
    case 'rejected':
      return event === 'edit' ? 'editing' : event === 'save' ? 'queued' : undefined
    case 'queued':
      return event === 'send' ? 'sending' : undefined
    case 'waiting':
      return event === 'send' ? 'sending' : undefined
    case 'sending':
      switch (event) {
        case 'confirmed':
          return 'saved'
        case 'retryable':
          return 'waiting'
        case 'refused':
          return 'rejected'
        case 'requeue':
          return 'queued'
        case 'edit':
        case 'save':
        case 'send':
          return undefined
        default:
          throw missingCaseError(event)
      }
    case 'saved':
      return undefined
    default:
      throw missingCaseError(status)
  }
}

/** Whether the agent may change the fields: not while the gateway may be storing them. */
export function isEditable(status: DraftStatus): boolean {
  switch (status) {
    case 'editing':
    case 'rejected':
      return true
    case 'queued':
    case 'sending':
    case 'waiting':
    case 'saved':
      return false
    default:
      throw missingCaseError(status)
  }
}

/** Whether the registration is on its way (or waiting for the gateway): never discarded then. */
export function isPending(status: DraftStatus): boolean {
  return status === 'queued' || status === 'sending' || status === 'waiting'
}

/**
 * The agent's edit applied to the draft: the edited fields lose their error, an accepted partij is
 * kept only while the name is still the one accepted, and the answer time no longer replaces an
 * edited plaatsgevondenOp. `undefined` when the draft is read-only.
 */
export function applyPatch(draft: KlantcontactDraft, patch: DraftPatch): KlantcontactDraft | undefined {
  const status = nextStatus(draft.status, 'edit')
  if (status === undefined) {
    return undefined
  }
  // A call's kanaal is Telefoon by definition; only a manual contact chooses another.
  const { kanaal, ...rest } = patch
  const allowed: DraftPatch = draft.callId === undefined && kanaal !== undefined ? { ...rest, kanaal } : rest
  const fieldErrors: FieldErrors = { ...draft.fieldErrors }
  for (const field of Object.keys(allowed) as DraftField[]) {
    delete fieldErrors[field]
  }
  const next: KlantcontactDraft = { ...draft, ...allowed, status, fieldErrors }
  const { lastError: _dropped, ...withoutError } = next
  const keepsPartij = draft.partijUuid !== undefined && next.naamKlant === draft.suggestion?.naam
  const { partijUuid: _unlinked, ...withoutPartij } = withoutError
  return {
    ...(keepsPartij ? withoutError : withoutPartij),
    plaatsgevondenOpEdited: draft.plaatsgevondenOpEdited || allowed.plaatsgevondenOp !== undefined,
  }
}

/** The agent's drafts, oldest first. */
export function draftsOf(
  drafts: Readonly<Record<string, KlantcontactDraft>>,
  agentLogin: string,
): KlantcontactDraft[] {
  return Object.values(drafts)
    .filter((draft) => draft.agentLogin === agentLogin)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
}

/**
 * Whether this draft still holds what was typed. A saved draft read back from storage holds only
 * its nummer (persistence.ts); onderwerp is required to save, so an empty one says the content was
 * not kept here.
 */
export function contentKept(draft: KlantcontactDraft): boolean {
  return draft.status !== 'saved' || draft.onderwerp.trim() !== ''
}
