import { beforeEach, describe, expect, it } from 'vitest'
import { GatewayError } from '../../../renderer/src/api/errors'
import { callBack, CallBackError } from '../../../renderer/src/inbox/call-back'
import { toRegisterInput } from '../../../renderer/src/klantcontact/to-register-input'
import { useAppStore } from '../../../renderer/src/store'
import { AGENT, fakeInboxApi, itemOf, NOW } from './fixtures'
import { fakeSoftphone, loggedIn } from './render-inbox'

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true)
  loggedIn()
})

function context(api = fakeInboxApi(), softphone = fakeSoftphone()) {
  return { api, softphone, store: useAppStore, agent: AGENT, now: () => NOW }
}

async function failure(promise: Promise<unknown>): Promise<CallBackError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CallBackError)
  return error as CallBackError
}

describe('Terugbellen, one click', () => {
  it('claims the contactverzoek, dials its number, and opens the call’s klantcontact linked to the original', async () => {
    const item = itemOf()
    const ctx = context(fakeInboxApi([item]))

    const id = await callBack(ctx, item)

    expect(ctx.api.claimInboxItem).toHaveBeenCalledWith(item.uuid)
    expect(ctx.softphone.call).toHaveBeenCalledWith('0612345678')
    expect(ctx.api.claimInboxItem.mock.invocationCallOrder[0]).toBeLessThan(
      ctx.softphone.call.mock.invocationCallOrder[0]!,
    )
    const { drafts, activeId } = useAppStore.getState().klantcontact
    const draft = drafts[id]!
    expect(activeId).toBe(id)
    expect(draft).toMatchObject({
      agentLogin: AGENT.login,
      callId: 'out-1',
      sipCallId: 'out-1@pc12.gemeente.example',
      callerNumber: '0612345678',
      kanaal: 'Telefoon',
      plaatsgevondenOp: new Date(NOW).toISOString(),
      aanleiding: {
        interneTaakUuid: item.uuid,
        klantcontactUuid: item.klantcontact!.uuid,
        klantcontactNummer: item.klantcontact!.nummer,
      },
    })
    // Its registration asks the gateway to link it to the original, with the klant's number.
    const input = toRegisterInput({ ...draft, onderwerp: 'Teruggebeld' })
    expect(input.aanleidingKlantcontactUuid).toBe(item.klantcontact!.uuid)
    expect(input.telefoonnummer).toBe('0612345678')
    // The store knows the contactverzoek as claimed, for the case above the draft.
    expect(useAppStore.getState().inbox.known[item.uuid]?.medewerker?.login).toBe(AGENT.login)
  })

  it('does not claim again what the agent already has', async () => {
    const item = itemOf({ medewerker: { login: AGENT.login, naam: AGENT.displayName } })
    const ctx = context(fakeInboxApi([item]))
    await callBack(ctx, item)
    expect(ctx.api.claimInboxItem).not.toHaveBeenCalled()
    expect(ctx.softphone.call).toHaveBeenCalledWith('0612345678')
  })

  it('links a contactverzoek without a klantcontact to nothing, and still calls', async () => {
    const item = itemOf({ klantcontact: null })
    const ctx = context(fakeInboxApi([item]))
    const id = await callBack(ctx, item)
    expect(useAppStore.getState().klantcontact.drafts[id]?.aanleiding).toBeUndefined()
  })

  it('refuses without a number to call, and touches nothing', async () => {
    const item = itemOf({ telefoonnummer: null })
    const ctx = context(fakeInboxApi([item]))
    expect((await failure(callBack(ctx, item))).reason).toBe('geen_nummer')
    expect(ctx.api.claimInboxItem).not.toHaveBeenCalled()
    expect(ctx.softphone.call).not.toHaveBeenCalled()
  })

  it('refuses while a call is on, before claiming', async () => {
    const item = itemOf()
    const ctx = context(fakeInboxApi([item]))
    ctx.softphone.set({
      ...ctx.softphone.getSnapshot(),
      call: {
        id: 'in-1',
        sipCallId: 'in-1@x',
        state: 'active',
        direction: 'inbound',
        remoteNumber: '0201234567',
        muted: false,
        held: false,
      },
    })
    expect((await failure(callBack(ctx, item))).reason).toBe('bezig')
    expect(ctx.api.claimInboxItem).not.toHaveBeenCalled()
  })

  it('does not call when the claim is refused (a colleague was first)', async () => {
    const item = itemOf()
    const api = fakeInboxApi([item])
    const refused = new GatewayError(
      'rejected',
      409,
      { detail: 'Deze taak is al opgepakt door Anna de Wit.' },
      '409',
    )
    api.claimInboxItem.mockRejectedValueOnce(refused)
    const ctx = context(api)
    const error = await failure(callBack(ctx, item))
    expect(error.reason).toBe('oppakken')
    expect(error.cause).toBe(refused)
    expect(ctx.softphone.call).not.toHaveBeenCalled()
    expect(useAppStore.getState().klantcontact.drafts).toEqual({})
  })

  it('opens no klantcontact when the call could not be made', async () => {
    const item = itemOf()
    const ctx = context(fakeInboxApi([item]), fakeSoftphone({ fails: true }))
    expect((await failure(callBack(ctx, item))).reason).toBe('bellen')
    expect(useAppStore.getState().klantcontact.drafts).toEqual({})
  })
})
