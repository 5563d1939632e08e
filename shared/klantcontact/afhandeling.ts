/**
 * How a klantcontact ended, as the agent records it at the end of the case (the KCC's
 * "gespreksresultaat"). One list for the gateway, which stores it, and the app, which offers it.
 *
 * The register has no field for it (OAS 0.9.0 Klantcontact). What fits is written there:
 * `indicatieContactGelukt` (did the contact come about) and `verdereActieOndernomen` (does the
 * system that had the contact act itself when the klant was not reached; the OAS allows true only
 * when `indicatieContactGelukt` is false). The afhandeling itself is kept beside the register, as
 * KISS keeps its gespreksresultaat in its own "contactmomentdetails" (docs/provider.md,
 * "Afhandeling").
 */
export const AFHANDELINGEN = [
  /** The agent answered the question themselves. */
  'zelf_beantwoord',
  /** The call went to a colleague or an afdeling. */
  'doorverbonden',
  /** A contactverzoek (interne taak) follows the contact up. */
  'contactverzoek',
  /** The klant will be called back (a terugbelverzoek). */
  'terugbelverzoek',
  /** No contact came about (the line dropped, nobody spoke, wrong number). */
  'geen_contact',
] as const

export type Afhandeling = (typeof AFHANDELINGEN)[number]

export function isAfhandeling(value: unknown): value is Afhandeling {
  return typeof value === 'string' && (AFHANDELINGEN as readonly string[]).includes(value)
}

/** What an afhandeling writes into the register's klantcontact (OAS 0.9.0). */
export interface AfhandelingRegisterFields {
  indicatieContactGelukt: boolean
  verdereActieOndernomen: boolean
}

export function registerFieldsOf(afhandeling: Afhandeling): AfhandelingRegisterFields {
  switch (afhandeling) {
    case 'geen_contact':
      return { indicatieContactGelukt: false, verdereActieOndernomen: false }
    default:
      return { indicatieContactGelukt: true, verdereActieOndernomen: false }
  }
}
