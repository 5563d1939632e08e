import type { RegisterKlantcontactInput } from '../../../shared/gateway/api'
import type { Logger } from '../../lib/logger'
import type { KlantinteractiesClient } from './client'
import type { IdempotencyRecord } from './idempotency'
import { registerTelefoonnummer } from './klant-telefoonnummer'
import { EXPAND_BETROKKENEN, type KlantcontactRecord, type Page } from './types'

/**
 * The register side of a registration: the `POST /maak-klantcontact` body (klantcontact,
 * betrokkene and the onderwerpobject linking a call-back to its aanleiding in one transaction, OAS
 * `maakKlantcontactCreate`) and the lookup that finds what an earlier attempt made.
 *
 * `RegisterInput` is the app's request (shared/gateway/api.ts) as the gateway's body schema admits it.
 */
export type RegisterInput = Omit<RegisterKlantcontactInput, 'indicatieContactGelukt'> & {
  /** The body schema lets `null` through (OAS: nullable, "not known"); the app sends a boolean. */
  indicatieContactGelukt?: boolean | null
}

/** What the gateway itself adds to a registration (the queue's terugbelverzoek). */
export interface MaakKlantcontactExtras {
  /** OAS: the system that had the contact acts itself (calls back); only with indicatieContactGelukt false. */
  verdereActieOndernomen?: boolean
  /**
   * The earlier klantcontact this one follows up, already checked (register.ts): linked by an
   * onderwerpobject in the same transaction.
   */
  aanleiding?: string | null
}

/**
 * Marks a klantcontact as made for this Idempotency-Key, so a lookup by referentienummer never
 * mistakes another application's klantcontact (one referentienummer space in a shared Open Klant)
 * for ours. `metadata` is Open Klant 2.16+ (string values ≤ 255), as is `referentienummer`.
 */
export const METADATA_KEY = 'kccIdempotencyKey'

export function maakKlantcontactBody(
  record: IdempotencyRecord,
  input: RegisterInput,
  now: Date,
  extras: MaakKlantcontactExtras = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    klantcontact: {
      kanaal: input.kanaal,
      onderwerp: input.onderwerp,
      inhoud: input.inhoud ?? '',
      taal: input.taal ?? 'nld',
      vertrouwelijk: input.vertrouwelijk ?? false,
      indicatieContactGelukt: input.indicatieContactGelukt ?? null,
      plaatsgevondenOp: input.plaatsgevondenOp ?? now.toISOString(),
      referentienummer: record.referentienummer,
      ...(record.nummer !== null ? { nummer: record.nummer } : {}),
      metadata: { [METADATA_KEY]: record.idempotency_key },
      ...(extras.verdereActieOndernomen !== undefined
        ? { verdereActieOndernomen: extras.verdereActieOndernomen }
        : {}),
    },
  }
  // A caller's number needs a klant betrokkene to hang on (klant-telefoonnummer.ts), even unnamed.
  if (input.contactnaam || input.partijUuid || registerTelefoonnummer(input.telefoonnummer)) {
    const naam = input.contactnaam ?? {}
    body['betrokkene'] = {
      rol: 'klant',
      initiator: true,
      // A gegevensgroep is replaced whole, so a member left out would be cleared: send every one.
      contactnaam: {
        voorletters: naam.voorletters ?? '',
        voornaam: naam.voornaam ?? '',
        voorvoegselAchternaam: naam.voorvoegselAchternaam ?? '',
        achternaam: naam.achternaam ?? '',
      },
      wasPartij: input.partijUuid ? { uuid: input.partijUuid } : null,
    }
  }
  if (extras.aanleiding) {
    // OAS Onderwerpobject: the new `klantcontact` "ging over" the onderwerpobject, which "was" the
    // earlier klantcontact (`wasKlantcontact`). In maak-klantcontact, `klantcontact` is the new one.
    body['onderwerpobject'] = { wasKlantcontact: { uuid: extras.aanleiding } }
  }
  return body
}

/** Our klantcontact with this record's referentienummer, if the register has it (one call). */
export async function findOwn(
  client: KlantinteractiesClient,
  record: IdempotencyRecord,
  log: Logger,
): Promise<KlantcontactRecord | null> {
  const page = await client.get<Page<KlantcontactRecord>>('klantcontacten', {
    referentienummer: record.referentienummer,
    ...EXPAND_BETROKKENEN,
  })
  const found = page.results[0]
  if (!found) {
    return null
  }
  if (found.metadata?.[METADATA_KEY] !== record.idempotency_key) {
    log.warn({ klantcontact: found.uuid }, 'referentienummer taken by a klantcontact of another writer')
    return null
  }
  return found
}
