import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../renderer/src/log'
import { Softphone } from '../../../renderer/src/softphone/softphone'

// The transfer verbs of a Softphone without a call (test/integration/softphone covers them in one).
const quiet = createLogger('test', () => undefined)

const idlePhone = () =>
  new Softphone({
    websocketUrl: 'ws://127.0.0.1:9/',
    domain: 'kcc.test',
    extension: 'medewerker1',
    password: 'secret',
    logger: quiet,
    audioOutput: null,
    ringtone: null,
    mediaDevices: null,
  })

describe('Softphone transfer without a call', () => {
  it('shows no consult and no transfer', () => {
    expect(idlePhone().getSnapshot()).toMatchObject({ call: null, consult: null, transfer: null })
  })

  it('refuses to consult before the phone is started', async () => {
    await expect(idlePhone().startConsult('medewerker2')).rejects.toThrow('softphone not started')
  })

  it('refuses to transfer, complete or cancel without a call, and records nothing', async () => {
    const phone = idlePhone()
    await expect(phone.blindTransfer('medewerker2')).rejects.toThrow('no active call to transfer')
    await expect(phone.completeTransfer()).rejects.toThrow('no consult to complete')
    await expect(phone.cancelConsult()).rejects.toThrow('no transfer to cancel')
    await expect(phone.hangupConsult()).rejects.toThrow('no transfer to cancel')
    expect(phone.getSnapshot().transfer).toBeNull()
  })
})
