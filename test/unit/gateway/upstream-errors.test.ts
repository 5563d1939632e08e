import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../../../server/gateway/register-client/client'
import { problemFor, registrationField } from '../../../server/gateway/register-client/upstream-errors'

describe('errors of the register', () => {
  const refused = (name: string, code = 'unique') =>
    new UpstreamError('POST /maak-klantcontact', 'status', 400, {
      invalidParams: [{ name, code, reason: 'Er bestaat al een klantcontact met eenzelfde nummer.' }],
    })

  it('treats a lost connection, a timeout and a 5xx as ambiguous, a 4xx as definite', () => {
    expect(new UpstreamError('x', 'unreachable').ambiguous).toBe(true)
    expect(new UpstreamError('x', 'timeout').ambiguous).toBe(true)
    expect(new UpstreamError('x', 'status', 503).ambiguous).toBe(true)
    expect(new UpstreamError('x', 'status', 400).ambiguous).toBe(false)
  })

  it('recognises a unique refusal of a field, prefixed or not', () => {
    expect(refused('klantcontact.nummer').isUniqueViolation('nummer')).toBe(true)
    expect(refused('nummer').isUniqueViolation('nummer')).toBe(true)
    expect(refused('klantcontact.referentienummer').isUniqueViolation('nummer')).toBe(false)
    expect(refused('nummer', 'invalid').isUniqueViolation('nummer')).toBe(false)
  })

  it("renames the register's field errors to the task API's fields", () => {
    expect(registrationField('klantcontact.onderwerp')).toBe('onderwerp')
    expect(registrationField('betrokkene.contactnaam.achternaam')).toBe('contactnaam.achternaam')
    expect(registrationField('betrokkene.wasPartij.uuid')).toBe('partijUuid')
    const problem = problemFor(refused('klantcontact.onderwerp', 'max_length'), registrationField)
    expect(problem.status).toBe(400)
    expect(problem.invalidParams).toEqual([
      expect.objectContaining({ name: 'onderwerp', code: 'max_length' }),
    ])
  })

  it('answers 502 or 504 for failures the agent cannot fix', () => {
    expect(problemFor(new UpstreamError('x', 'unreachable')).status).toBe(502)
    expect(problemFor(new UpstreamError('x', 'timeout')).status).toBe(504)
    expect(problemFor(new UpstreamError('x', 'status', 500)).status).toBe(502)
    expect(problemFor(new UpstreamError('x', 'status', 401)).code).toBe('register_rejected')
    expect(problemFor(new UpstreamError('x', 'status', 403)).code).toBe('register_rejected')
  })

  it('answers a definite refusal of the request with a 4xx, never a 5xx the app would retry', () => {
    for (const status of [400, 404, 409, 413, 422]) {
      const problem = problemFor(new UpstreamError('POST /maak-klantcontact', 'status', status, null))
      expect(problem.status, `register ${status}`).toBe(422)
      expect(problem.code).toBe('register_refused')
    }
  })

  it("keeps the register's field errors on a refusal that is not a 400", () => {
    const error = new UpstreamError('POST /maak-klantcontact', 'status', 422, {
      invalidParams: [{ name: 'klantcontact.onderwerp', code: 'invalid_characters', reason: 'U+0000' }],
    })
    expect(problemFor(error, registrationField).invalidParams).toEqual([
      { name: 'onderwerp', code: 'invalid_characters', reason: 'U+0000' },
    ])
  })

  it('carries no request, so no token can leak through a logged error', () => {
    expect(JSON.stringify(Object.entries(new UpstreamError('GET /actoren', 'unreachable')))).not.toMatch(
      /Token/,
    )
  })
})
