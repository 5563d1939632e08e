import { describe, expect, it } from 'vitest'
import { GATEWAY_TIMEOUT_MS } from '../../../renderer/src/api/gateway-client'
import { REGISTER_BUDGET_MS } from '../../../server/gateway/register-client/client'

describe('time budgets', () => {
  it("gives the app longer than the gateway's whole budget for a request, so the gateway's 504 arrives", () => {
    expect(GATEWAY_TIMEOUT_MS).toBeGreaterThan(REGISTER_BUDGET_MS)
  })
})
