import { formatKlantcontactnummer, nummerYear } from '../../shared/klantcontact/klantcontactnummer'

/**
 * What the benchmark writes: the klantcontact a KCC agent registers at the end of a phone call
 * (VNG case C0534), as the desktop client POSTs it, and the very same row as the provider stores it
 * (for the raw-insert ceiling and the bulk load).
 */
export const BENCH_TOKEN = 'bench-token-0123456789abcdef'

export const C0534_BODY = {
  kanaal: 'Telefoon',
  onderwerp: 'Melding container niet geleegd',
  inhoud:
    'Inwoner belt: de groene container in de Dorpsstraat is vandaag niet geleegd. Uitgelegd dat de ' +
    'inzamelroute vertraging heeft; de container wordt morgen alsnog geleegd.',
  taal: 'nld',
  vertrouwelijk: false,
  indicatieContactGelukt: true,
} as const

export const C0534_JSON = JSON.stringify(C0534_BODY)

export const REQUEST_HEADERS = {
  'content-type': 'application/json',
  authorization: `Token ${BENCH_TOKEN}`,
} as const

/**
 * Columns in the order the provider's insert fills them for C0534_BODY (writeKlantcontact plus
 * writeRow); reactie, hoofd_onderwerp_type, metadata and referentienummer take their defaults there
 * too, so they are left out here as well.
 */
export const KLANTCONTACT_COLUMNS = [
  'uuid',
  'created_at',
  'updated_at',
  'nummer',
  'kanaal',
  'onderwerp',
  'inhoud',
  'taal',
  'vertrouwelijk',
  'indicatie_contact_gelukt',
  'verdere_actie_ondernomen',
  'plaatsgevonden_op',
] as const

/** One row's values; booleans as the engine stores them (SQLite 0/1, PostgreSQL boolean). */
export function klantcontactValues(
  engine: 'sqlite' | 'postgres',
  uuid: string,
  nummer: string,
  isoNow: string,
): (string | number | boolean)[] {
  const bool = (b: boolean): number | boolean => (engine === 'sqlite' ? (b ? 1 : 0) : b)
  return [
    uuid,
    isoNow,
    isoNow,
    nummer,
    C0534_BODY.kanaal,
    C0534_BODY.onderwerp,
    C0534_BODY.inhoud,
    C0534_BODY.taal,
    bool(C0534_BODY.vertrouwelijk),
    bool(C0534_BODY.indicatieContactGelukt),
    bool(false),
    isoNow,
  ]
}

/**
 * Bulk-loaded rows carry last year's prefix (`25000001` …): the provider numbers this year's POSTs
 * from `<yy>000001`, so the two can never collide while both use the provider's own format.
 */
export function bulkYear(now: Date = new Date()): string {
  const lastYear = new Date(now)
  lastYear.setUTCFullYear(now.getUTCFullYear() - 1)
  return nummerYear(lastYear)
}

export function bulkNummer(year2: string, sequence: number): string {
  return formatKlantcontactnummer(year2, sequence)
}

/** Raw-insert rows live in their own table copy; any distinct provider-format number will do. */
export function rawNummer(sequence: number): string {
  return formatKlantcontactnummer(nummerYear(new Date()), sequence)
}
