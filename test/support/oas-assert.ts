import { Ajv } from 'ajv'
import { expect } from 'vitest'
import { schemaSet } from '../../server/klantinteracties/validation/validator'

/**
 * Asserts that a response body conforms to the vendored OAS (response direction: readOnly fields
 * present, writeOnly ones absent) and that errors have the problem shape. The OAS documents no
 * error bodies, so the Fout/ValidatieFout shape of vng_api_common is written out here.
 */
export function expectOas(component: string, body: unknown): void {
  const validate = schemaSet('response').validator(component)
  const ok = validate(body)
  expect(
    ok,
    `response does not match OAS ${component}: ${JSON.stringify(validate.errors?.slice(0, 5))}`,
  ).toBe(true)
}

const problemAjv = new Ajv({ allErrors: true })
const validateProblem = problemAjv.compile({
  type: 'object',
  required: ['type', 'code', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string' },
    code: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    invalidParams: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'code', 'reason'],
        properties: { name: { type: 'string' }, code: { type: 'string' }, reason: { type: 'string' } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
})

export function expectProblem(body: unknown, status: number): void {
  expect(validateProblem(body), JSON.stringify(validateProblem.errors)).toBe(true)
  expect((body as { status: number }).status).toBe(status)
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/)
}
