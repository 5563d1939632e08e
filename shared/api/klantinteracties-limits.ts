import type { components, InterneTaak, Klantcontact } from './klantinteracties'

/**
 * The OAS `maxLength`s (Klantinteracties API 0.9.0, spec/klantinteracties-openapi.yaml) that the
 * agent app and the gateway check before the register does, so a too-long text is refused with the
 * agent's own field named rather than the register's. One place: a change to a limit is one edit
 * here (test/unit/shared/klantinteracties-limits.test.ts holds them against the vendored OAS).
 *
 * Lengths are in Unicode code points, as the register counts them (shared/text/code-points.ts).
 */
export const KLANTCONTACT_LIMITS = {
  nummer: 10,
  referentienummer: 10,
  kanaal: 50,
  onderwerp: 200,
  inhoud: 1000,
  reactie: 4000,
  taal: 3,
} as const satisfies Partial<Record<keyof Klantcontact, number>>

/** OAS Contactnaam: the parts of a betrokkene's name. */
export const CONTACTNAAM_LIMITS = {
  voorletters: 10,
  voornaam: 200,
  voorvoegselAchternaam: 10,
  achternaam: 200,
} as const satisfies Record<keyof components['schemas']['Contactnaam'], number>

/** OAS InterneTaak: what a contactverzoek asks and explains. */
export const INTERNE_TAAK_LIMITS = {
  gevraagdeHandeling: 200,
  toelichting: 1000,
} as const satisfies Partial<Record<keyof InterneTaak, number>>

/** OAS Actor: the name the register shows for an agent (medewerker) or an afdeling. */
export const ACTOR_LIMITS = {
  naam: 200,
} as const satisfies Partial<Record<keyof components['schemas']['Base_ActorSerializer'], number>>

/** OAS Actoridentificator: how an actor is found again (an agent by e-mail, an afdeling by id). */
export const ACTORIDENTIFICATOR_LIMITS = {
  objectId: 200,
} as const satisfies Partial<Record<keyof components['schemas']['Actoridentificator'], number>>

/** The longest text any member of the OAS allows (`maxLength: 4000`, Klantcontact.reactie among them). */
export const LONGEST_TEXT = 4000
