import { execFileSync } from 'node:child_process'

/**
 * Reads one registry key's values on Windows through `reg.exe query`, the tool every Windows has:
 * no native module to build and ship. Group Policy writes administrative settings under
 * HKLM\SOFTWARE\Policies, which only administrators can change (docs/desktop.md, policy keys).
 */

export type RegistryValues = ReadonlyMap<string, string | number>

/** `reg query` prints each value as four spaces, name, four spaces, type, four spaces, data. */
const VALUE_LINE = /^ {4}(\S(?:.*?\S)?) {4}(REG_SZ|REG_EXPAND_SZ|REG_DWORD) {4}(.*)$/

/** Parses the output of `reg query <key>`; other value types (binary, multi-string) are ignored. */
export function parseRegQuery(output: string): RegistryValues {
  const values = new Map<string, string | number>()
  for (const line of output.split(/\r?\n/)) {
    const match = VALUE_LINE.exec(line)
    if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) {
      continue
    }
    const [, name, type, data] = match
    if (type === 'REG_DWORD') {
      const number = /^0x[0-9a-fA-F]{1,8}$/.test(data) ? Number.parseInt(data.slice(2), 16) : Number.NaN
      if (Number.isFinite(number)) {
        values.set(name, number)
      }
    } else {
      values.set(name, data)
    }
  }
  return values
}

export type RunRegQuery = (key: string) => string | undefined

/** Runs `reg query`; undefined when the key does not exist (reg exits with 1) or reg fails. */
export const runRegQuery: RunRegQuery = (key) => {
  try {
    return execFileSync('reg', ['query', key], { encoding: 'utf8', windowsHide: true, timeout: 5_000 })
  } catch {
    return undefined
  }
}

export function readRegistryKey(key: string, run: RunRegQuery = runRegQuery): RegistryValues {
  const output = run(key)
  return output === undefined ? new Map() : parseRegQuery(output)
}
