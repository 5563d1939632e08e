import { randomUUID } from 'node:crypto'

/**
 * Errors in the shape vng_api_common gives them (the OAS's Fout / ValidatieFout):
 * `{type, code, title, status, detail, instance}` plus `invalidParams` on a 400.
 * Served as `application/problem+json` (RFC 9457).
 */
export interface InvalidParam {
  name: string
  code: string
  reason: string
}

export interface ProblemBody {
  type: string
  code: string
  title: string
  status: number
  detail: string
  instance: string
  invalidParams?: InvalidParam[]
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly exceptionClass: string,
    readonly invalidParams?: InvalidParam[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail)
  }

  toBody(origin: string): ProblemBody {
    return {
      type: `${origin}/ref/fouten/${this.exceptionClass}/`,
      code: this.code,
      title: this.title,
      status: this.status,
      detail: this.detail,
      instance: `urn:uuid:${randomUUID()}`,
      ...(this.invalidParams ? { invalidParams: this.invalidParams } : {}),
    }
  }
}

export function validationError(invalidParams: InvalidParam[]): ProblemError {
  return new ProblemError(
    400,
    'invalid',
    'Ongeldige invoer.',
    'Ongeldige invoer.',
    'ValidationError',
    invalidParams,
  )
}

export function fieldError(name: string, code: string, reason: string): ProblemError {
  return validationError([{ name, code, reason }])
}

export function notFound(): ProblemError {
  return new ProblemError(404, 'not_found', 'Niet gevonden.', 'Niet gevonden.', 'NotFound')
}

export function notAuthenticated(): ProblemError {
  return new ProblemError(
    401,
    'not_authenticated',
    'Authenticatiegegevens zijn niet opgegeven.',
    'Authenticatiegegevens zijn niet opgegeven.',
    'NotAuthenticated',
    undefined,
    { 'www-authenticate': 'Token' },
  )
}

export function authenticationFailed(): ProblemError {
  return new ProblemError(
    401,
    'authentication_failed',
    'Ongeldige authenticatiegegevens.',
    'Ongeldige token.',
    'AuthenticationFailed',
    undefined,
    { 'www-authenticate': 'Token' },
  )
}

export function methodNotAllowed(method: string): ProblemError {
  return new ProblemError(
    405,
    'method_not_allowed',
    'Methode niet toegestaan.',
    `Methode "${method}" niet toegestaan.`,
    'MethodNotAllowed',
  )
}

export function parseError(): ProblemError {
  return new ProblemError(400, 'parse_error', 'Malformed request.', 'JSON parse error.', 'ParseError')
}

export function serverError(): ProblemError {
  return new ProblemError(
    500,
    'error',
    'Er is een serverfout opgetreden.',
    'Er is een serverfout opgetreden.',
    'APIException',
  )
}

export function conflict(detail: string): ProblemError {
  return new ProblemError(409, 'conflict', 'Conflict.', detail, 'Conflict')
}
