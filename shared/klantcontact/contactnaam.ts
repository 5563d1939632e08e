/** The parts of a contactnaam (OAS 0.9.0 Contactnaam); every one may be absent, null or empty. */
export interface ContactnaamParts {
  readonly voorletters?: string | null
  readonly voornaam?: string | null
  readonly voorvoegselAchternaam?: string | null
  readonly achternaam?: string | null
}

/**
 * The name as the agent typed it, from its parts: voorletters, voornaam, voorvoegsel, achternaam.
 * The register's `volledigeNaam` leaves the voorletters out, so "P. Jansen" would come back as
 * "Jansen"; this puts them back. Undefined when no part has text.
 */
export function naamAlsGetypt(contactnaam: ContactnaamParts | null | undefined): string | undefined {
  if (contactnaam === null || contactnaam === undefined) {
    return undefined
  }
  const naam = [
    contactnaam.voorletters,
    contactnaam.voornaam,
    contactnaam.voorvoegselAchternaam,
    contactnaam.achternaam,
  ]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ')
  return naam === '' ? undefined : naam
}
