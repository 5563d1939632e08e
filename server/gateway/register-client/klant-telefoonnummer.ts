import type { DigitaalAdres } from '../../../shared/api/klantinteracties'
import type { Logger } from '../../lib/logger'
import { UpstreamError, type KlantinteractiesClient } from './client'
import { toE164 } from './phone-number'
import type { Betrokkene, KlantcontactRecord } from './types'

/**
 * The caller's number as the klant betrokkene's digitaal adres (OAS DigitaalAdres, soort
 * `telefoonnummer`, `verstrektDoorBetrokkene`: "Digitaal adres dat een betrokkene bij klantcontact
 * verstrekte voor gebruik bij opvolging van een klantcontact"), so the klant is recognised on the
 * next call and can be called back.
 *
 * The register has no way to create it with the klantcontact in one transaction (a betrokkene's
 * `digitaleAdressen` are read-only in `POST /maak-klantcontact`), so it is a step of its own after
 * the klantcontact exists, safe to repeat:
 * - before writing, the betrokkene's digitale adressen are read; the number already there is done;
 * - a lost answer is settled by reading again; still absent, the caller's retry writes it then;
 * - two writers at once (one registration retried on two instances) may both write it: after
 *   writing, every writer keeps the copy with the smallest uuid and deletes the others, so all
 *   converge on one.
 */
export const SOORT_TELEFOONNUMMER = 'telefoonnummer'

/** Open Klant's phone rule (2.13+; our provider: validation/phone.ts): the spellings it stores. */
const INTERNATIONAL_PLUS = /^\+[0-9]{9,15}$/
const INTERNATIONAL_00 = /^00[0-9]{7,13}$/

/**
 * The number as the register will store it: E.164 (`+31612345678`), or `00…` for the short
 * international numbers Open Klant's rule only admits that way. Null for anything that is no phone
 * number (an extension like `1001`, `anonymous`, empty).
 */
export function registerTelefoonnummer(raw: string | null | undefined): string | null {
  const e164 = raw ? toE164(raw) : null
  if (!e164) {
    return null
  }
  if (INTERNATIONAL_PLUS.test(e164)) {
    return e164
  }
  const zeros = `00${e164.slice(1)}`
  return INTERNATIONAL_00.test(zeros) ? zeros : null
}

/** The klant betrokkene a number belongs to: the initiating klant, else the first klant. */
export function klantBetrokkene(klantcontact: KlantcontactRecord): string | null {
  const klanten = (klantcontact._expand?.hadBetrokkenen ?? []).filter((b) => b.rol === 'klant')
  return (klanten.find((b) => b.initiator) ?? klanten[0])?.uuid ?? null
}

type BetrokkeneMetAdressen = Betrokkene & { _expand?: { digitaleAdressen?: DigitaalAdres[] } }

export async function ensureKlantTelefoonnummer(
  client: KlantinteractiesClient,
  betrokkene: string,
  adres: string,
  log: Logger,
): Promise<void> {
  if ((await copies(client, betrokkene, adres)).length > 0) {
    return
  }
  try {
    await client.post<DigitaalAdres>('digitaleadressen', {
      verstrektDoorBetrokkene: { uuid: betrokkene },
      verstrektDoorPartij: null,
      adres,
      soortDigitaalAdres: SOORT_TELEFOONNUMMER,
      isStandaardAdres: false,
      omschrijving: 'Telefoonnummer',
    })
  } catch (error) {
    if (!(error instanceof UpstreamError && error.ambiguous)) {
      throw error
    }
    if ((await copies(client, betrokkene, adres)).length === 0) {
      throw error
    }
  }
  const written = await copies(client, betrokkene, adres)
  const [keep, ...extra] = written.map((d) => d.uuid).sort()
  for (const uuid of extra) {
    log.info({ betrokkene, kept: keep, deleted: uuid }, 'duplicate telefoonnummer of a betrokkene removed')
    await client.delete(`digitaleadressen/${uuid}`).catch((error: unknown) => {
      if (!(error instanceof UpstreamError && error.status === 404)) {
        throw error
      }
    })
  }
}

async function copies(
  client: KlantinteractiesClient,
  betrokkene: string,
  adres: string,
): Promise<DigitaalAdres[]> {
  const found = await client.find<BetrokkeneMetAdressen>(`betrokkenen/${betrokkene}`, {
    expand: 'digitaleAdressen',
  })
  return (found?._expand?.digitaleAdressen ?? []).filter(
    (d) => d.soortDigitaalAdres === SOORT_TELEFOONNUMMER && d.adres === adres,
  )
}
