import {
  fieldError,
  notFound,
  ProblemError,
  validationError,
  type InvalidParam,
} from '../../lib/http/problem'

/**
 * The gateway's errors, in the provider's problem shape (RFC 9457 application/problem+json with
 * vng_api_common's `code`, Dutch texts, `invalidParams` on 400), so the agent app reads one style of
 * error whether it came from our checks or from the register.
 */
export { fieldError, notFound, ProblemError, validationError, type InvalidParam }

/** RFC 6750 §3: a Bearer challenge tells the client which scheme to use. */
const BEARER = { 'www-authenticate': 'Bearer realm="kcc"' }

export function notAuthenticated(): ProblemError {
  return new ProblemError(
    401,
    'not_authenticated',
    'Authenticatiegegevens zijn niet opgegeven.',
    'Meld u aan; dit verzoek vraagt een sessie (Authorization: Bearer <sessietoken>).',
    'NotAuthenticated',
    undefined,
    BEARER,
  )
}

export function sessionInvalid(): ProblemError {
  return new ProblemError(
    401,
    'authentication_failed',
    'Ongeldige authenticatiegegevens.',
    'De sessie is onbekend of verlopen; meld u opnieuw aan.',
    'AuthenticationFailed',
    undefined,
    { 'www-authenticate': 'Bearer realm="kcc", error="invalid_token"' },
  )
}

export function loginFailed(): ProblemError {
  return new ProblemError(
    401,
    'authentication_failed',
    'Ongeldige authenticatiegegevens.',
    'Onjuiste gebruikersnaam of wachtwoord.',
    'AuthenticationFailed',
  )
}

export function permissionDenied(
  detail = 'Je hebt geen toestemming om deze actie uit te voeren.',
): ProblemError {
  return new ProblemError(403, 'permission_denied', 'Geen toestemming.', detail, 'PermissionDenied')
}

export function notFoundBecause(detail: string): ProblemError {
  return new ProblemError(404, 'not_found', 'Niet gevonden.', detail, 'NotFound')
}

export function tooManyRequests(retryAfterSeconds: number): ProblemError {
  return new ProblemError(
    429,
    'throttled',
    'Te veel verzoeken.',
    `Te veel aanmeldpogingen. Probeer het over ${retryAfterSeconds} seconden opnieuw.`,
    'Throttled',
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  )
}

export function conflict(code: string, detail: string): ProblemError {
  return new ProblemError(409, code, 'Conflict.', detail, 'Conflict')
}

/** draft-ietf-httpapi-idempotency-key-header §2.7: a key reused with another payload is a 422. */
export function idempotencyKeyReused(): ProblemError {
  return new ProblemError(
    422,
    'idempotency_key_reused',
    'Idempotency-Key al gebruikt.',
    'Deze Idempotency-Key is al gebruikt voor een ander verzoek; maak per concept een nieuwe sleutel.',
    'IdempotencyKeyReused',
  )
}

export function unsupportedMediaType(): ProblemError {
  return new ProblemError(
    415,
    'unsupported_media_type',
    'Niet-ondersteund mediatype.',
    'Stuur de gegevens als application/json.',
    'UnsupportedMediaType',
  )
}

export function upstreamUnavailable(timeout: boolean): ProblemError {
  return timeout
    ? new ProblemError(
        504,
        'register_timeout',
        'Het klantcontactregister antwoordt niet.',
        'Het klantcontactregister antwoordde niet op tijd. Probeer het opnieuw; met dezelfde Idempotency-Key ontstaat geen dubbel klantcontact.',
        'GatewayTimeout',
      )
    : new ProblemError(
        502,
        'register_unavailable',
        'Het klantcontactregister is niet bereikbaar.',
        'Het klantcontactregister is niet bereikbaar of gaf een fout. Probeer het opnieuw; met dezelfde Idempotency-Key ontstaat geen dubbel klantcontact.',
        'BadGateway',
      )
}

export function upstreamRejected(): ProblemError {
  return new ProblemError(
    502,
    'register_rejected',
    'Het klantcontactregister weigerde het verzoek.',
    'Het klantcontactregister weigerde een verzoek van de gateway; de beheerder vindt de oorzaak in het gatewaylog.',
    'BadGateway',
  )
}

export function auditUnavailable(): ProblemError {
  return new ProblemError(
    503,
    'audit_unavailable',
    'Tijdelijk niet beschikbaar.',
    'Het verzoek kon niet worden vastgelegd in het auditlog en is daarom niet beantwoord. Probeer het opnieuw.',
    'ServiceUnavailable',
  )
}
