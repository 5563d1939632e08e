import { describe, expect, it, vi } from 'vitest'
import type { KlantbeeldView } from '../../../shared/gateway/klantbeeld'
import { GatewayError } from '../../../renderer/src/api/errors'
import { lookUpCaller } from '../../../renderer/src/ringing/caller-lookup'
import { quietLogger as quiet, storeOver } from '../klantcontact/store-fixtures'
import { JAN, picture } from './fixtures'

describe('looking a ringing caller up as their picture', () => {
  it('keeps the whole picture and its first partij for the ringing call', async () => {
    const { store } = storeOver()
    const api = { klantbeeld: vi.fn(async (_number: string) => picture()) }
    const match = await lookUpCaller({ store: store, api, logger: quiet }, 'call-1', '0612345678')
    expect(match).toEqual(JAN)
    expect(api.klantbeeld).toHaveBeenCalledWith('0612345678')
    expect(store.getState().ringing.callers['call-1']).toEqual({
      callId: 'call-1',
      lookup: 'known',
      partij: JAN,
      picture: picture(),
    })
  })

  it('keeps a picture without partij, whose earlier contacts the number was given at', async () => {
    const { store } = storeOver()
    const view: KlantbeeldView = picture({ partijen: [] })
    const api = { klantbeeld: vi.fn(async () => view) }
    expect(await lookUpCaller({ store: store, api, logger: quiet }, 'call-1', '0612345678')).toBeUndefined()
    expect(store.getState().ringing.callers['call-1']).toEqual({
      callId: 'call-1',
      lookup: 'unknown',
      picture: view,
    })
  })

  it('marks the lookup failed when the gateway did not answer', async () => {
    const { store } = storeOver()
    const api = {
      klantbeeld: vi.fn(() =>
        Promise.reject(new GatewayError('unreachable', undefined, undefined, 'offline')),
      ),
    }
    await lookUpCaller({ store: store, api, logger: quiet }, 'call-1', '0612345678')
    expect(store.getState().ringing.callers['call-1']).toEqual({ callId: 'call-1', lookup: 'failed' })
  })

  it('asks nothing for what is not a phone number', async () => {
    const { store } = storeOver()
    const api = { klantbeeld: vi.fn(async () => picture()) }
    await lookUpCaller({ store: store, api, logger: quiet }, 'call-1', 'anonymous')
    expect(api.klantbeeld).not.toHaveBeenCalled()
    expect(store.getState().ringing.callers['call-1']).toEqual({ callId: 'call-1', lookup: 'unknown' })
  })
})
