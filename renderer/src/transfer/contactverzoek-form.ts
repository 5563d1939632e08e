import { INTERNE_TAAK_LIMITS } from '../../../shared/api/klantinteracties-limits'
import type { ContactverzoekView, ProblemView } from '../../../shared/gateway/api'
import { codePoints } from '../../../shared/text/code-points'
import { isGatewayError } from '../api/errors'
import { format, messagesOf } from '../i18n/locale'
import { missingCaseError } from '../lib/missing-case'
import { openedErrorOf } from '../incoming-transfer/error-of'
import type { OpenedMessages } from '../incoming-transfer/messages'
import type { OpenedError } from '../incoming-transfer/state'
import { transferMessages } from './messages'

/**
 * The contactverzoek offered after a failed transfer: an interne taak (OAS InterneTaak)
 * for the afdeling or colleague the customer could not reach, prefilled from the klantcontact. The
 * form's state is local to the form (it lives as long as the failed transfer is on screen); this is
 * its pure part.
 *
 *   editing ──send──▶ sending ──created──▶ created
 *      ▲                 └────refused───▶ failed ──edit──▶ editing
 *      └──edit / invalid     failed ──send──▶ sending
 */
export type ContactverzoekStatus = 'editing' | 'sending' | 'created' | 'failed'

export type ContactverzoekField = 'gevraagdeHandeling' | 'toelichting'

/** OAS InterneTaak limits (shared/api/klantinteracties-limits.ts; the gateway checks the same). */
export const CONTACTVERZOEK_LIMITS: Readonly<Record<ContactverzoekField, number>> = INTERNE_TAAK_LIMITS

export type ContactverzoekFieldErrors = Partial<Record<ContactverzoekField, string>>

export interface ContactverzoekFormState {
  readonly status: ContactverzoekStatus
  readonly gevraagdeHandeling: string
  readonly toelichting: string
  readonly fieldErrors: ContactverzoekFieldErrors
  readonly error?: OpenedError
  readonly created?: ContactverzoekView
}

export type ContactverzoekFormEvent =
  | { readonly type: 'edit'; readonly field: ContactverzoekField; readonly value: string }
  | { readonly type: 'invalid'; readonly fieldErrors: ContactverzoekFieldErrors }
  | { readonly type: 'send' }
  | { readonly type: 'created'; readonly view: ContactverzoekView }
  | { readonly type: 'refused'; readonly error: OpenedError; readonly fieldErrors: ContactverzoekFieldErrors }

/** What the failed transfer was about (the props of ContactverzoekForm). */
export interface ContactverzoekContext {
  readonly target: { readonly naam: string }
  readonly onderwerp: string | null
  readonly callerNumber?: string
}

/**
 * The prefilled form: "Klant terugbellen over: <onderwerp>", and a toelichting saying what happened
 * and the number to call back. A caller without a phone number (a guest account's name, an
 * anonymous From) is written as `onbekend`, so nobody calls a name back.
 */
export function initialContactverzoek(
  context: ContactverzoekContext,
  t: OpenedMessages['contactverzoek'],
  onbekend: string = messagesOf(transferMessages).nummerOnbekend,
): ContactverzoekFormState {
  const onderwerp = context.onderwerp?.trim() ?? ''
  const gevraagdeHandeling =
    onderwerp === ''
      ? t.gevraagdeHandelingZonderOnderwerp
      : fit(format(t.gevraagdeHandelingVoorstel, { onderwerp }), CONTACTVERZOEK_LIMITS.gevraagdeHandeling)
  const lines = [
    format(t.toelichtingMislukt, { naam: context.target.naam }),
    ...(onderwerp !== '' ? [format(t.toelichtingOnderwerp, { onderwerp })] : []),
    format(t.toelichtingTelefoon, { nummer: phoneNumberOf(context.callerNumber) ?? onbekend }),
  ]
  return {
    status: 'editing',
    gevraagdeHandeling,
    toelichting: fit(lines.join('\n'), CONTACTVERZOEK_LIMITS.toelichting),
    fieldErrors: {},
  }
}

/** Field errors before sending (empty when it may be sent). */
export function validateContactverzoek(
  state: Pick<ContactverzoekFormState, ContactverzoekField>,
  t: OpenedMessages['contactverzoek'],
): ContactverzoekFieldErrors {
  const errors: ContactverzoekFieldErrors = {}
  if (state.gevraagdeHandeling.trim() === '') {
    errors.gevraagdeHandeling = t.gevraagdeHandelingLeeg
  }
  for (const field of ['gevraagdeHandeling', 'toelichting'] as const) {
    const count = codePoints(state[field])
    const max = CONTACTVERZOEK_LIMITS[field]
    if (count > max && errors[field] === undefined) {
      errors[field] = format(t.teLang, { count, max })
    }
  }
  return errors
}

export function reduceContactverzoek(
  state: ContactverzoekFormState,
  event: ContactverzoekFormEvent,
): ContactverzoekFormState {
  switch (event.type) {
    case 'edit':
      return state.status === 'editing' || state.status === 'failed'
        ? { ...withoutError(state), status: 'editing', [event.field]: event.value }
        : state
    case 'invalid':
      return state.status === 'editing' || state.status === 'failed'
        ? { ...withoutError(state), status: 'editing', fieldErrors: event.fieldErrors }
        : state
    case 'send':
      return state.status === 'editing' || state.status === 'failed'
        ? { ...withoutError(state), status: 'sending', fieldErrors: {} }
        : state
    case 'created':
      return state.status === 'sending' ? { ...state, status: 'created', created: event.view } : state
    case 'refused':
      return state.status === 'sending'
        ? { ...state, status: 'failed', error: event.error, fieldErrors: event.fieldErrors }
        : state
    default:
      throw missingCaseError(event)
  }
}

/** A refusal of `POST /api/contactverzoeken`: field errors next to their fields, the rest as text. */
export function refusalOf(error: unknown): Extract<ContactverzoekFormEvent, { type: 'refused' }> {
  const problem: ProblemView | undefined = isGatewayError(error) ? error.problem : undefined
  const fieldErrors: ContactverzoekFieldErrors = {}
  const other: string[] = []
  for (const param of problem?.invalidParams ?? []) {
    if (param.name === 'gevraagdeHandeling' || param.name === 'toelichting') {
      fieldErrors[param.name] = param.reason
    } else {
      other.push(param.reason)
    }
  }
  const base = openedErrorOf(error)
  const placed = Object.keys(fieldErrors).length > 0
  const { detail: _detail, ...kind } = base
  const errorOut: OpenedError = other.length > 0 ? { ...kind, detail: other.join(' ') } : placed ? kind : base
  return { type: 'refused', error: errorOut, fieldErrors }
}

function withoutError(state: ContactverzoekFormState): ContactverzoekFormState {
  const { error: _error, ...rest } = state
  return rest
}

/**
 * The caller's number when it is a phone number (digits, an optional leading +, spaces and dashes
 * as typed), else undefined.
 */
export function phoneNumberOf(caller: string | undefined): string | undefined {
  const trimmed = caller?.trim() ?? ''
  return /^\+?[\d\s()-]{3,20}$/.test(trimmed) && /\d{3}/.test(trimmed.replace(/\D/g, ''))
    ? trimmed
    : undefined
}

/** `text` cut to `max` code points, ending in "…" when cut. */
function fit(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
