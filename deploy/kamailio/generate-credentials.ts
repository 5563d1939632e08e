// Writes the data files deploy/kamailio/kamailio.cfg loads, from one small JSON file:
//
//   { "domain": "kcc.example.nl",
//     "secret": "…",
//     "agents": [{ "extension": "agent1" }],
//     "groups": [{ "user": "vergunningen", "members": ["agent1"] }],
//     "guests": [{ "user": "burger", "password": "…" }],
//     "allowedOrigins": ["https://kcc.example.nl"],
//     "numbers": [{ "number": "14020", "target": "kcc" }] }
//
// Agents have no password: the gateway issues them ephemeral credentials per session, which Kamailio
// checks with `secret` (the gateway's sip.credentials.secret; auth_ephemeral, docs/telephony.md).
//
// Usage: npx tsx deploy/kamailio/generate-credentials.ts --input kcc-sip.json --out /etc/kamailio/kcc
//    or: npx tsx deploy/kamailio/generate-credentials.ts --gateway-config config/kcc.json --out /etc/kamailio/kcc
//        (the gateway's own configuration file, validated and loaded as the gateway loads it, so
//        its secret may come from sip.credentials.secretFile or KCC_SIP_SECRET_FILE; its
//        `sip.guests` become caller accounts with a fresh random password each, printed once)
//
// Output (a db_text database directory, every file mode 0600, the directory 0700):
//   autheph-secret.cfg  the shared secret as a modparam line, which kamailio.cfg imports
//                (kcc/autheph-secret.cfg next to it: --out /etc/kamailio/kcc for the default layout)
//   version      table versions that auth_db and htable check at start-up
//   subscriber   one row per guest: username, domain and HA1 = md5(user:domain:password); the plain
//                password is never written (agents have none)
//   kcc_agents   the htable of the agents' extensions (no credentials): an agent who is not
//                registered is 480, anyone unknown 404
//   kcc_groups   the htable of group addresses: one array key per group, one row per member
//   kcc_guests   the htable of guests (callers such as the demo caller page): they may only call,
//                and never set the klantcontactnummer headers (kamailio.cfg route[AUTH])
//   kcc_origins  the htable of browser origins whose pages may open a WebSocket (the agent app's);
//                a handshake with another Origin is refused (kamailio.cfg event_route[xhttp:request])
//   kcc_numbers  only with `numbers`: the htable of the municipality's numbers on the SIP trunk
//                (kamailio.cfg -A WITH_TRUNK): dialled number as the carrier sends it → group or agent
import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadGatewayConfig } from '../../server/gateway/config/load'
import { SIP_SECRET } from '../../server/gateway/config/patterns'
import { kamailioInputFromGatewayConfig } from './from-gateway-config'

export interface KamailioCredentialsInput {
  domain: string
  /** The gateway's `sip.credentials.secret`, with which Kamailio checks the agents' credentials. */
  secret: string
  agents: Array<{ extension: string }>
  groups?: Array<{ user: string; members: string[] }>
  /** Callers, not agents: INVITE only, and their klantcontactnummer headers are removed. */
  guests?: Array<{ user: string; password: string }>
  /** Origins (`scheme://host[:port]`) of the pages that may open a WebSocket; none: no browser may. */
  allowedOrigins?: string[]
  /**
   * The SIP trunk's numbers (kamailio.cfg with WITH_TRUNK): each number as the carrier sends it in
   * the Request-URI (list every form: 14020, +3114020, …) and the group address or agent it rings.
   */
  numbers?: Array<{ number: string; target: string }>
}

/** Table versions of Kamailio 5.6 (see /usr/share/kamailio/dbtext/kamailio/version). */
const SUBSCRIBER_VERSION = 7
const HTABLE_VERSION = 2
export const AGENTS_TABLE = 'kcc_agents'
export const GROUPS_TABLE = 'kcc_groups'
export const GUESTS_TABLE = 'kcc_guests'
export const ORIGINS_TABLE = 'kcc_origins'
export const NUMBERS_TABLE = 'kcc_numbers'
export const SECRET_FILE = 'autheph-secret.cfg'

// Conservative on purpose: these strings end up in db_text rows (':' separated) and SIP URIs.
const USER_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/i
/** As browsers send Origin: scheme, host and port only (the gateway's schema has the same pattern). */
const ORIGIN_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s:]+(?::[0-9]{1,5})?$/
const DOMAIN_RE =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i
export const MIN_PASSWORD_LENGTH = 12
/** A dialled number as carriers send it: digits, an optional leading +. */
const NUMBER_RE = /^\+?[0-9]{3,15}$/
const HTABLE_COLUMNS = 'id(int,auto) key_name(str) key_type(int) value_type(int) key_value(str) expires(int)'

export function ha1(user: string, realm: string, password: string): string {
  return createHash('md5').update(`${user}:${realm}:${password}`).digest('hex')
}

/** Checks the input and returns every problem at once (empty when it is fine). */
export function validateInput(input: unknown): string[] {
  const problems: string[] = []
  if (typeof input !== 'object' || input === null) {
    return ['the input must be a JSON object { domain, agents, groups }']
  }
  const { domain, secret, agents, groups, guests, allowedOrigins, numbers } = input as Record<string, unknown>
  if (typeof domain !== 'string' || !DOMAIN_RE.test(domain)) {
    problems.push('domain must be a host name such as kcc.example.nl')
  }
  if (typeof secret !== 'string' || !SIP_SECRET.test(secret)) {
    problems.push(
      "secret must be the gateway's sip.credentials.secret: 32 to 512 printable characters without spaces, quotes or backslashes",
    )
  }
  const extensions = new Set<string>()
  if (!Array.isArray(agents)) {
    problems.push('agents must be an array of { extension }')
  } else {
    agents.forEach((agent: unknown, i) => {
      const { extension, password } = (agent ?? {}) as Record<string, unknown>
      if (typeof extension !== 'string' || !USER_RE.test(extension)) {
        problems.push(`agents[${i}].extension must match ${USER_RE}`)
      } else if (extensions.has(extension.toLowerCase())) {
        problems.push(`agents[${i}].extension ${extension} appears twice`)
      } else {
        extensions.add(extension.toLowerCase())
      }
      if (password !== undefined) {
        problems.push(`agents[${i}].password: agents have no SIP password any more (ephemeral credentials)`)
      }
    })
  }
  const seen = new Set<string>()
  if (groups !== undefined && !Array.isArray(groups)) {
    problems.push('groups must be an array of { user, members }')
  } else {
    ;(groups ?? []).forEach((group: unknown, i) => {
      const { user, members } = (group ?? {}) as Record<string, unknown>
      if (typeof user !== 'string' || !USER_RE.test(user)) {
        problems.push(`groups[${i}].user must match ${USER_RE}`)
      } else if (extensions.has(user.toLowerCase()) || seen.has(user.toLowerCase())) {
        problems.push(`groups[${i}].user ${user} is already an agent extension or another group`)
      } else {
        seen.add(user.toLowerCase())
      }
      if (!Array.isArray(members) || members.some((m) => typeof m !== 'string')) {
        problems.push(`groups[${i}].members must be an array of agent extensions`)
      } else {
        for (const member of members as string[]) {
          if (!extensions.has(member.toLowerCase())) {
            problems.push(`groups[${i}].members: ${member} is not one of the agents`)
          }
        }
      }
    })
  }
  problems.push(...guestProblems(guests, new Set([...extensions, ...seen])))
  problems.push(...numberProblems(numbers, new Set([...extensions, ...seen])))
  if (
    allowedOrigins !== undefined &&
    (!Array.isArray(allowedOrigins) ||
      allowedOrigins.some((o) => typeof o !== 'string' || !ORIGIN_RE.test(o)))
  ) {
    problems.push(`allowedOrigins must be an array of origins matching ${ORIGIN_RE}`)
  }
  return problems
}

function guestProblems(guests: unknown, taken: ReadonlySet<string>): string[] {
  if (guests === undefined) {
    return []
  }
  if (!Array.isArray(guests)) {
    return ['guests must be an array of { user, password }']
  }
  const problems: string[] = []
  const seen = new Set<string>()
  guests.forEach((guest: unknown, i) => {
    const { user, password } = (guest ?? {}) as Record<string, unknown>
    if (typeof user !== 'string' || !USER_RE.test(user)) {
      problems.push(`guests[${i}].user must match ${USER_RE}`)
    } else if (taken.has(user.toLowerCase()) || seen.has(user.toLowerCase())) {
      problems.push(`guests[${i}].user ${user} is already an agent extension, a group or another guest`)
    } else {
      seen.add(user.toLowerCase())
    }
    if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
      problems.push(`guests[${i}].password must be a string of at least ${MIN_PASSWORD_LENGTH} characters`)
    } else if (typeof user === 'string' && password.includes(user)) {
      problems.push(`guests[${i}].password must not contain the user`)
    }
  })
  return problems
}

function numberProblems(numbers: unknown, targets: ReadonlySet<string>): string[] {
  if (numbers === undefined) {
    return []
  }
  if (!Array.isArray(numbers)) {
    return ['numbers must be an array of { number, target }']
  }
  const problems: string[] = []
  const seen = new Set<string>()
  numbers.forEach((entry: unknown, i) => {
    const { number, target } = (entry ?? {}) as Record<string, unknown>
    if (typeof number !== 'string' || !NUMBER_RE.test(number)) {
      problems.push(`numbers[${i}].number must match ${NUMBER_RE}`)
    } else if (seen.has(number)) {
      problems.push(`numbers[${i}].number ${number} appears twice`)
    } else {
      seen.add(number)
    }
    if (typeof target !== 'string' || !targets.has(target.toLowerCase())) {
      problems.push(`numbers[${i}].target must be one of the groups or agents`)
    }
  })
  return problems
}

/** The db_text files as { name: content }. */
export function renderTables(input: KamailioCredentialsInput): Record<string, string> {
  const version = [
    'table_name(str) table_version(int)',
    `subscriber:${SUBSCRIBER_VERSION}`,
    `${AGENTS_TABLE}:${HTABLE_VERSION}`,
    `${GROUPS_TABLE}:${HTABLE_VERSION}`,
    `${GUESTS_TABLE}:${HTABLE_VERSION}`,
    `${ORIGINS_TABLE}:${HTABLE_VERSION}`,
  ]
  const subscriber = ['id(int,auto) username(str) domain(str) ha1(str)']
  ;(input.guests ?? []).forEach(({ user, password }, i) => {
    subscriber.push(`${i + 1}:${user}:${input.domain}:${ha1(user, input.domain, password)}`)
  })
  // A plain key per agent extension (key_type 0): kamailio.cfg only asks whether it exists.
  const agents = [HTABLE_COLUMNS]
  input.agents.forEach((agent, i) => {
    agents.push(`${i + 1}:${agent.extension}:0:0:1:0`)
  })
  // htable rows: key_type 1 makes `user` an array key (user[0], user[1], … and user::size).
  const groups = [HTABLE_COLUMNS]
  let id = 0
  for (const group of input.groups ?? []) {
    for (const member of group.members) {
      groups.push(`${++id}:${group.user}:1:0:${member}:0`)
    }
  }
  // A plain key per guest (key_type 0); kamailio.cfg only asks whether it exists.
  const guests = [HTABLE_COLUMNS]
  ;(input.guests ?? []).forEach((guest, i) => {
    guests.push(`${i + 1}:${guest.user}:0:0:1:0`)
  })
  // One plain key per origin; db_text separates columns with ':', so the origin's own are escaped.
  const origins = [HTABLE_COLUMNS]
  ;(input.allowedOrigins ?? []).forEach((origin, i) => {
    origins.push(`${i + 1}:${origin.replaceAll(':', '\\:')}:0:0:1:0`)
  })
  const file = (lines: string[]): string => `${lines.join('\n')}\n`
  const tables: Record<string, string> = {
    // Checked against SIP_SECRET (config/patterns.ts): nothing in it can end the string.
    [SECRET_FILE]: `modparam("auth_ephemeral", "secret", "${input.secret}")\n`,
    subscriber: file(subscriber),
    [AGENTS_TABLE]: file(agents),
    [GROUPS_TABLE]: file(groups),
    [GUESTS_TABLE]: file(guests),
    [ORIGINS_TABLE]: file(origins),
  }
  // Only for a trunk: kamailio.cfg loads this table with WITH_TRUNK alone.
  if (input.numbers !== undefined) {
    version.push(`${NUMBERS_TABLE}:${HTABLE_VERSION}`)
    const numbers = [HTABLE_COLUMNS]
    input.numbers.forEach(({ number, target }, i) => {
      numbers.push(`${i + 1}:${number}:0:0:${target}:0`)
    })
    tables[NUMBERS_TABLE] = file(numbers)
  }
  return { version: file(version), ...tables }
}

/** Validates, then writes the tables into `outDir` (created 0700; files 0600, replaced atomically). */
export function writeKamailioData(input: unknown, outDir: string): string[] {
  const problems = validateInput(input)
  if (problems.length > 0) {
    throw new Error(`invalid credentials input:\n  ${problems.join('\n  ')}`)
  }
  mkdirSync(outDir, { recursive: true, mode: 0o700 })
  chmodSync(outDir, 0o700)
  const tables = renderTables(input as KamailioCredentialsInput)
  for (const [name, content] of Object.entries(tables)) {
    const target = join(outDir, name)
    const temporary = `${target}.tmp-${process.pid}`
    writeFileSync(temporary, content, { mode: 0o600 })
    chmodSync(temporary, 0o600)
    renameSync(temporary, target)
  }
  return Object.keys(tables).map((name) => join(outDir, name))
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const inputFile = arg('--input')
  const gatewayConfig = arg('--gateway-config')
  const outDir = arg('--out')
  if ((!inputFile && !gatewayConfig) || !outDir) {
    process.stderr.write(
      'usage: tsx deploy/kamailio/generate-credentials.ts (--input <file.json> | --gateway-config <kcc.json>) --out <directory>\n',
    )
    process.exit(2)
  }
  try {
    const fromGateway = gatewayConfig
      ? kamailioInputFromGatewayConfig(await loadGatewayConfig(gatewayConfig))
      : undefined
    const input: unknown = fromGateway ?? JSON.parse(readFileSync(inputFile!, 'utf8'))
    const written = writeKamailioData(input, outDir)
    process.stdout.write(`wrote ${written.join(', ')}\n`)
    // The gateway's configuration names guests without passwords (the embedded server needs none):
    // each got a fresh random one, shown only here, for the caller page's `password=`.
    for (const guest of fromGateway?.guests ?? []) {
      process.stdout.write(`caller account ${guest.user}: password ${guest.password}\n`)
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2))
}
