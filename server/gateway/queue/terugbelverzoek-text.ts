import type { TerugbelverzoekReason } from './tables'

/**
 * What a terugbelverzoek says in the register, in Dutch as the municipality writes it. The caller's
 * number is in the inhoud for whoever reads the klantcontact, and, when it is a phone number, also
 * the klant betrokkene's digitaal adres (terugbelverzoek-register.ts), where the inbox and the
 * caller's picture find it.
 */
export const TERUGBELVERZOEK_ONDERWERP = 'Terugbelverzoek'
export const TERUGBELLEN = 'Terugbellen'

const WHY: Record<TerugbelverzoekReason, string> = {
  timeout: 'De maximale wachttijd was bereikt.',
  no_agent: 'Er was geen medewerker aangemeld.',
  abandoned: 'De beller heeft zelf opgehangen.',
}

export function wachttijd(ms: number): string {
  const seconds = Math.round(ms / 1000)
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  if (minutes === 0) {
    return `${rest} seconden`
  }
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}

export function terugbelverzoekInhoud(input: {
  callerNumber: string
  afdelingNaam: string
  waitedMs: number
  reason: TerugbelverzoekReason
}): string {
  const given = input.callerNumber.trim()
  // RFC 3323 privacy: a withheld number arrives empty or as the user `anonymous`.
  const nummer = given === '' || given.toLowerCase() === 'anonymous' ? 'onbekend (nummer afgeschermd)' : given
  return (
    `Terugbelverzoek voor ${input.afdelingNaam}. Telefoonnummer van de beller: ${nummer}. ` +
    `Wachttijd in de wachtrij: ${wachttijd(input.waitedMs)}. ${WHY[input.reason]}`
  )
}
