import { describe, expect, it } from 'vitest'
import {
  endpointEnv,
  LINUX_POLICY_FILE,
  POLICY_REGISTRY_KEY,
  readPolicy,
} from '../../../electron/main/policy'
import { parseRegQuery } from '../../../electron/main/registry'

const exe = 'C:\\Program Files\\KCC Werkplek\\KCC Werkplek.exe'
const windowsFile = 'C:\\Program Files\\KCC Werkplek\\kcc-werkplek.json'

function regOutput(lines: string[]): string {
  return [
    '',
    POLICY_REGISTRY_KEY.replace('HKLM', 'HKEY_LOCAL_MACHINE'),
    ...lines.map((l) => `    ${l}`),
    '',
  ].join('\r\n')
}

function windows(
  options: { registry?: string[]; file?: object | string; env?: Record<string, string> } = {},
) {
  return readPolicy({
    platform: 'win32',
    execPath: exe,
    env: options.env ?? {},
    runRegQuery: (key) =>
      key === POLICY_REGISTRY_KEY && options.registry ? regOutput(options.registry) : undefined,
    readFile: (path) => {
      if (path !== windowsFile || options.file === undefined) {
        return undefined
      }
      return typeof options.file === 'string' ? options.file : JSON.stringify(options.file)
    },
  })
}

describe('reg query output', () => {
  it('reads strings and DWORDs, and ignores other types', () => {
    const values = parseRegQuery(
      regOutput([
        'GatewayUrl    REG_SZ    https://kcc.gemeente.example/werkplek',
        'DisableUpdates    REG_DWORD    0x1',
        'Blob    REG_BINARY    00FF',
      ]),
    )
    expect([...values]).toEqual([
      ['GatewayUrl', 'https://kcc.gemeente.example/werkplek'],
      ['DisableUpdates', 1],
    ])
  })
})

describe('the IT admin’s policy', () => {
  it('defaults to nothing set: the loopback endpoints, updates and shortcuts allowed', () => {
    const policy = windows()
    expect(policy).toMatchObject({ gatewayUrl: undefined, updatesDisabled: false, shortcutsDisabled: false })
    expect(policy.sources.gatewayUrl).toBe('default')
  })

  it('takes Group Policy over the file over the environment, per setting', () => {
    const policy = windows({
      registry: [
        'GatewayUrl    REG_SZ    https://gpo.gemeente.example',
        'DisableGlobalShortcuts    REG_DWORD    0x1',
      ],
      file: {
        gatewayUrl: 'https://file.gemeente.example',
        updateUrl: 'https://file.gemeente.example/updates/',
      },
      env: {
        KCC_GATEWAY_URL: 'https://env.example',
        KCC_UPDATE_URL: 'https://env.example/u',
        KCC_SIP_DOMAIN: 'kcc.test',
      },
    })
    expect(policy).toMatchObject({
      gatewayUrl: 'https://gpo.gemeente.example',
      updateUrl: 'https://file.gemeente.example/updates/',
      sipDomain: 'kcc.test',
      shortcutsDisabled: true,
    })
    expect(policy.sources).toMatchObject({
      gatewayUrl: 'registry',
      updateUrl: 'file',
      sipDomain: 'environment',
    })
    expect(endpointEnv(policy)).toEqual({
      KCC_GATEWAY_URL: 'https://gpo.gemeente.example',
      KCC_SIP_URL: undefined,
    })
  })

  it('lets the file switch updates off', () => {
    expect(windows({ file: { disableUpdates: true } }).updatesDisabled).toBe(true)
  })

  it.each([
    ['a file that is not JSON', { file: '{gatewayUrl:' }, /not valid JSON/],
    [
      'a misspelt key in the file',
      { file: { gatewayURL: 'https://x.example' } },
      /unknown setting "gatewayURL"/,
    ],
    [
      'a flag given as text in the file',
      { file: { disableUpdates: 'yes' } },
      /disableUpdates must be true or false/,
    ],
    [
      'a DWORD other than 0 or 1',
      { registry: ['DisableUpdates    REG_DWORD    0x2'] },
      /DisableUpdates must be a REG_DWORD of 0 or 1/,
    ],
    ['an empty string value', { registry: ['GatewayUrl    REG_SZ    '] }, /GatewayUrl/],
    [
      'an environment flag other than 0 or 1',
      { env: { KCC_DISABLE_UPDATES: 'true' } },
      /KCC_DISABLE_UPDATES must be 0 or 1/,
    ],
  ])('refuses to start on %s, naming it', (_case, options, message) => {
    expect(() => windows(options)).toThrow(message)
  })

  it('reads /etc/kcc-werkplek on Linux and no registry', () => {
    const asked: string[] = []
    const policy = readPolicy({
      platform: 'linux',
      execPath: '/opt/KCC Werkplek/kcc-werkplek',
      env: {},
      readFile: (path) =>
        path === LINUX_POLICY_FILE ? JSON.stringify({ sipDomain: 'kcc.gemeente.example' }) : undefined,
      runRegQuery: (key) => {
        asked.push(key)
        return undefined
      },
    })
    expect(policy.sipDomain).toBe('kcc.gemeente.example')
    expect(asked).toEqual([])
  })
})
