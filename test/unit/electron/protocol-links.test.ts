import { describe, expect, it, vi } from 'vitest'
import {
  createLinkHandler,
  linkFromArgv,
  parseAppLink,
  parseLink,
  type LinkHandlerOptions,
} from '../../../electron/main/protocol-links'
import { memoryLog } from './memory-log'

function setup(overrides: Partial<LinkHandlerOptions> = {}) {
  const calls = memoryLog()
  let loggedIn = true
  const send = vi.fn()
  const options = {
    sipDomain: 'kcc.test',
    send,
    bringToFront: vi.fn(),
    loggedIn: () => loggedIn,
    confirmDial: () => true,
    askToDial: vi.fn(() => Promise.resolve({ dial: true, stopAsking: false })),
    stopAskingToDial: vi.fn(),
    tellRefused: vi.fn(),
    log: calls.log,
    ...overrides,
  }
  return {
    options,
    send,
    handler: createLinkHandler(options),
    entries: calls.entries,
    setLoggedIn: (value: boolean) => {
      loggedIn = value
    },
  }
}

describe('links on the command line', () => {
  it('finds the link among Chromium switches and paths', () => {
    expect(linkFromArgv(['C:\\KCC\\KCC Werkplek.exe', '--allow-file-access', 'tel:0201234567'])).toBe(
      'tel:0201234567',
    )
    expect(linkFromArgv(['/usr/bin/kcc-werkplek', 'KCC://klantcontact/26000001'])).toBe(
      'KCC://klantcontact/26000001',
    )
    expect(linkFromArgv(['kcc-werkplek', '--no-sandbox'])).toBeUndefined()
  })
})

describe('kcc: links', () => {
  it.each([
    ['kcc://klantcontact/26000001', '26000001'],
    ['kcc://klantcontact/26000001/', '26000001'],
    ['KCC://Klantcontact/7', '7'],
  ])('opens %s by nummer %s', (link, nummer) => {
    expect(parseAppLink(link)).toBe(nummer)
  })

  it.each([
    'kcc://klantcontact/',
    'kcc://klantcontact/26000001?x=1',
    'kcc://klantcontact/26%20000',
    'kcc://klantcontact/12345678901',
    'kcc://klantcontact/../../etc',
    'kcc://partij/26000001',
  ])('refuses %s', (link) => {
    expect(parseLink(link, 'kcc.test')).toEqual({ kind: 'refused', reason: 'app-link' })
  })
})

describe('the link handler', () => {
  it('asks before dialling a tel: link and sends the normalised number to the renderer', async () => {
    const { handler, options } = setup()
    await handler.handle('tel:+31 (0)20-123')
    await handler.handle('tel:020-1234567')
    expect(options.askToDial).toHaveBeenCalledWith('0201234567')
    expect(options.send).toHaveBeenCalledWith({ kind: 'dial', target: '0201234567' })
    expect(options.bringToFront).toHaveBeenCalled()
  })

  it('does not dial when the agent cancels', async () => {
    const { handler, options } = setup({
      askToDial: vi.fn(() => Promise.resolve({ dial: false, stopAsking: true })),
    })
    await handler.handle('tel:0201234567')
    expect(options.send).not.toHaveBeenCalled()
    expect(options.stopAskingToDial).not.toHaveBeenCalled()
  })

  it('remembers "Niet meer vragen" and dials without asking when the agent turned the question off', async () => {
    const asked = setup({ askToDial: vi.fn(() => Promise.resolve({ dial: true, stopAsking: true })) })
    await asked.handler.handle('tel:0201234567')
    expect(asked.options.stopAskingToDial).toHaveBeenCalledOnce()

    const silent = setup({ confirmDial: () => false })
    await silent.handler.handle('sip:0201234567@kcc.test')
    expect(silent.options.askToDial).not.toHaveBeenCalled()
    expect(silent.options.send).toHaveBeenCalledWith({ kind: 'dial', target: '0201234567' })
  })

  it('refuses a sip: link to another domain, tells the agent, and logs no number', async () => {
    const { handler, options, entries } = setup()
    await handler.handle('sip:0900666@premium.example')
    expect(options.send).not.toHaveBeenCalled()
    expect(options.askToDial).not.toHaveBeenCalled()
    expect(options.tellRefused).toHaveBeenCalledOnce()
    expect(entries()).toContainEqual(expect.objectContaining({ msg: 'link refused', reason: 'domain' }))
    expect(JSON.stringify(entries())).not.toContain('0900666')
  })

  it('opens a klantcontact link in the renderer without asking', async () => {
    const { handler, options } = setup()
    await handler.handle('kcc://klantcontact/26000001')
    expect(options.send).toHaveBeenCalledWith({ kind: 'open', nummer: '26000001' })
    expect(options.askToDial).not.toHaveBeenCalled()
  })

  it('keeps the latest link until the agent has logged in', async () => {
    const { handler, options, send, setLoggedIn } = setup()
    setLoggedIn(false)
    await handler.handle('kcc://klantcontact/1')
    await handler.handle('kcc://klantcontact/26000001')
    expect(options.send).not.toHaveBeenCalled()
    setLoggedIn(true)
    await handler.flush()
    await handler.flush()
    expect(send.mock.calls).toEqual([[{ kind: 'open', nummer: '26000001' }]])
  })
})
