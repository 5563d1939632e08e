import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { TRAY_STATUSES } from '../../../shared/ipc'
import { createStatusTray, trayMenu } from '../../../electron/main/tray'
import { trayIconPixels } from '../../../electron/main/tray-icons'
import { memoryLog } from './memory-log'

const trays = vi.hoisted(() => [] as Array<Record<string, ReturnType<typeof vi.fn>>>)

vi.mock('electron', () => ({
  Tray: vi.fn(function FakeTray(this: Record<string, unknown>) {
    Object.assign(this, {
      setImage: vi.fn(),
      setToolTip: vi.fn(),
      setContextMenu: vi.fn(),
      on: vi.fn(),
      destroy: vi.fn(),
    })
    trays.push(this as Record<string, ReturnType<typeof vi.fn>>)
  }),
  Menu: { buildFromTemplate: vi.fn((template: unknown) => template) },
  nativeImage: { createFromBitmap: vi.fn(() => ({ addRepresentation: vi.fn() })) },
}))

function item(menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = menu.find((entry) => entry.label === label)
  if (found === undefined) {
    throw new Error(`no ${label}`)
  }
  return found
}

const click = (entry: MenuItemConstructorOptions): void => {
  ;(entry.click as () => void)()
}

beforeEach(() => {
  trays.length = 0
  vi.clearAllMocks()
})

describe('tray icons', () => {
  it('draws a different picture for every status, not only a different colour', () => {
    const shapes = TRAY_STATUSES.map((status) => {
      const pixels = trayIconPixels(status, 16)
      // The alpha channel alone: the shape without its colour.
      return Array.from({ length: 256 }, (_, i) => pixels[i * 4 + 3]).join(',')
    })
    expect(new Set(shapes).size).toBe(TRAY_STATUSES.length)
  })

  it('is 4 bytes per pixel, with transparent corners', () => {
    const pixels = trayIconPixels('beschikbaar', 32)
    expect(pixels).toHaveLength(32 * 32 * 4)
    expect(pixels[3]).toBe(0)
    // The centre is opaque green in BGRA order.
    const centre = (16 * 32 + 16) * 4
    expect([...pixels.subarray(centre, centre + 4)]).toEqual([0x37, 0x7f, 0x1a, 0xff])
  })
})

describe('tray menu', () => {
  const options = { send: vi.fn(), showWindow: vi.fn(), quit: vi.fn() }

  it('sends Beschikbaar, Pauze and Afmelden to the renderer as status commands', () => {
    const menu = trayMenu('beschikbaar', options)
    click(item(menu, 'Pauze'))
    click(item(menu, 'Beschikbaar'))
    click(item(menu, 'Afmelden'))
    expect(options.send.mock.calls).toEqual([
      [{ kind: 'status', choice: 'pauze' }],
      [{ kind: 'status', choice: 'beschikbaar' }],
      [{ kind: 'status', choice: 'afmelden' }],
    ])
    expect(item(menu, 'Beschikbaar').checked).toBe(true)
    expect(item(menu, 'Status: Beschikbaar').enabled).toBe(false)
  })

  it('offers no status choices while no one is logged in', () => {
    const menu = trayMenu('afgemeld', options)
    for (const label of ['Beschikbaar', 'Pauze', 'Afmelden']) {
      expect(item(menu, label).enabled).toBe(false)
    }
    expect(item(menu, 'KCC Werkplek tonen').enabled).not.toBe(false)
  })
})

describe('status tray', () => {
  it('starts as Afgemeld and follows the status the renderer reports, in icon, tooltip and menu', () => {
    const tray = createStatusTray({ send: vi.fn(), showWindow: vi.fn(), quit: vi.fn(), log: memoryLog().log })
    const [fake] = trays
    expect(Tray).toHaveBeenCalledOnce()
    expect(fake?.['setToolTip']).toHaveBeenLastCalledWith('KCC Werkplek: Afgemeld')
    tray.setStatus('in_gesprek')
    expect(tray.status()).toBe('in_gesprek')
    expect(fake?.['setToolTip']).toHaveBeenLastCalledWith('KCC Werkplek: In gesprek')
    expect(fake?.['setImage']).toHaveBeenCalledTimes(2)
    const menu = vi.mocked(Menu.buildFromTemplate).mock.calls.at(-1)?.[0] ?? []
    expect(menu[0]?.label).toBe('Status: In gesprek')
    expect(nativeImage.createFromBitmap).toHaveBeenCalledWith(expect.any(Buffer), { width: 16, height: 16 })
  })

  it('shows the window on a click on the icon', () => {
    const showWindow = vi.fn()
    createStatusTray({ send: vi.fn(), showWindow, quit: vi.fn(), log: memoryLog().log })
    const onClick = trays[0]?.['on']?.mock.calls.find(([event]) => event === 'click')?.[1] as () => void
    onClick()
    expect(showWindow).toHaveBeenCalledOnce()
  })
})
