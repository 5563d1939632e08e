/**
 * What the caller page calls with, from its address: `?server=&user=&password=&target=&domain=`.
 * Tests and demos point it at another SIP server or account this way (Kamailio needs a caller
 * account with a password; the embedded server's guest `burger` needs none).
 *
 * Deliberately nothing sets SIP headers: a caller must never be able to present a
 * klantcontactnummer (X-KCC-Klantcontact, User-to-User) to an agent, so the page has no way to
 * send one. A test that checks the servers strip them sends raw SIP instead.
 */
export interface CallerSettings {
  /** SIP over WebSocket (RFC 7118), e.g. ws://127.0.0.1:8480/sip */
  server: string
  /** SIP domain: `sip:<user>@<domain>`, `sip:<target>@<domain>` */
  domain: string
  user: string
  /** Only where the SIP server asks for one (Kamailio's caller account). */
  password: string | undefined
  /** The user part to call: a group address (`kcc`) or an agent. */
  target: string
}

export const DEFAULT_USER = 'burger'
export const DEFAULT_TARGET = 'kcc'
export const DEFAULT_DOMAIN = 'kcc.test'

/** RFC 3261 §25.1 `user` restricted to what the servers' accounts and group addresses use. */
const SIP_USER = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/
const WEBSOCKET = /^wss?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/

/** The embedded SIP server on the host that served the page, as `npm run server` mounts it. */
export function defaultServer(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sip`
}

export function settingsFrom(search: string, location: Pick<Location, 'protocol' | 'host'>): CallerSettings {
  const query = new URLSearchParams(search)
  const given = (name: string): string | undefined => {
    const value = query.get(name)?.trim()
    return value ? value : undefined
  }
  return {
    server: given('server') ?? defaultServer(location),
    domain: given('domain') ?? DEFAULT_DOMAIN,
    user: given('user') ?? DEFAULT_USER,
    password: query.get('password') || undefined,
    target: given('target') ?? DEFAULT_TARGET,
  }
}

/** What is wrong with the settings, in Dutch for the status line, or null when they can be used. */
export function problemWith(settings: CallerSettings): string | null {
  if (!WEBSOCKET.test(settings.server)) {
    return 'de SIP-server moet een ws://- of wss://-adres zijn'
  }
  if (!SIP_USER.test(settings.target)) {
    return 'ongeldig adres om naar te bellen'
  }
  if (!SIP_USER.test(settings.user) || !DOMAIN.test(settings.domain)) {
    return 'ongeldige gebruiker of SIP-domein in het adres van deze pagina'
  }
  return null
}
