import type { NaamSpellings } from './search-match'

/**
 * What a typed naam can be in the register, whose name filters are all exact (OAS 0.9.0
 * `GET /betrokkenen`: contactnaamAchternaam, contactnaamVoorvoegselAchternaam, organisatienaam; Open
 * Klant's BetrokkeneFilterSet uses Django's default `exact`). `GET /partijen` has no name filter at
 * all, so a partij's name cannot be searched. A name is therefore asked for in the few spellings an
 * agent most likely means:
 * - the whole text as the achternaam, as typed and with a capital first letter ("jansen" → "Jansen");
 * - with more than one word, the last as the achternaam and the words before it as the voorvoegsel
 *   ("de vries" → voorvoegsel "de", achternaam "Vries"), as the app registers a contactnaam;
 * - the whole text as the organisatienaam.
 * No part of a name, no voornaam alone.
 */
export function naamSpellings(naam: string): NaamSpellings {
  const typed = naam.trim().replace(/\s+/gu, ' ')
  const contactnamen: NaamSpellings['contactnamen'] = []
  const add = (achternaam: string, voorvoegselAchternaam?: string): void => {
    if (
      !contactnamen.some(
        (c) => c.achternaam === achternaam && c.voorvoegselAchternaam === voorvoegselAchternaam,
      )
    ) {
      contactnamen.push(
        voorvoegselAchternaam === undefined ? { achternaam } : { achternaam, voorvoegselAchternaam },
      )
    }
  }
  add(typed)
  add(capitalised(typed))
  const words = typed.split(' ')
  if (words.length > 1) {
    const last = words.at(-1) ?? ''
    const voorvoegsel = words.slice(0, -1).join(' ')
    for (const v of new Set([voorvoegsel, voorvoegsel.toLowerCase()])) {
      add(last, v)
      add(capitalised(last), v)
    }
  }
  return { contactnamen, organisatienamen: [typed] }
}

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nl') + text.slice(1)
}
