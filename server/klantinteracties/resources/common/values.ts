import type { Engine } from '../../../lib/db/dialect'
import type { Row } from '../../../lib/db/database'

/**
 * Conversions between JSON values and columns that differ per engine: SQLite stores booleans as
 * 0/1 and timestamps as text; PostgreSQL returns `boolean` and `timestamptz` (as Date).
 */
export function readBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1'
}

export function readNullableBool(value: unknown): boolean | null {
  return value === null || value === undefined ? null : readBool(value)
}

export function writeBool(engine: Engine, value: boolean | null | undefined): boolean | number | null {
  if (value === null || value === undefined) {
    return null
  }
  return engine === 'sqlite' ? (value ? 1 : 0) : value
}

/**
 * Timestamps are kept as UTC ISO-8601 with milliseconds, so text ordering in SQLite equals time
 * ordering. Output follows DRF: `Z` for UTC, fractional seconds only when present.
 */
export function writeTimestamp(value: string | Date): string {
  return (typeof value === 'string' ? new Date(value) : value).toISOString()
}

export function readTimestamp(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null
  }
  const iso = (value instanceof Date ? value : new Date(String(value))).toISOString()
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso
}

export function readDate(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null
  }
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)
}

export function readText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

export function readNullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value)
}

/** snake_case column name for a camelCase API member. */
export function columnName(member: string): string {
  return member.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/**
 * A gegevensgroep (VNG: a group of attributes presented as one object) stored as flat columns.
 * Reading always yields every member (`""` when empty, as vng_api_common's GegevensGroepType);
 * writing replaces the whole group: members left out are reset, `null` clears all of them.
 */
export interface GroupMember {
  name: string
  kind: 'text' | 'integer'
}

export function textMembers(...names: string[]): GroupMember[] {
  return names.map((name) => ({ name, kind: 'text' }))
}

export function readGroup(
  row: Row,
  prefix: string,
  members: readonly GroupMember[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const m of members) {
    const v = row[`${prefix}_${columnName(m.name)}`]
    out[m.name] = m.kind === 'integer' ? (v === null || v === undefined ? null : Number(v)) : readText(v)
  }
  return out
}

export function writeGroup(
  value: Record<string, unknown> | null | undefined,
  prefix: string,
  members: readonly GroupMember[],
): Row {
  const out: Row = {}
  for (const m of members) {
    const v = value?.[m.name]
    out[`${prefix}_${columnName(m.name)}`] = m.kind === 'integer' ? (v ?? null) : v == null ? '' : String(v)
  }
  return out
}

/** The columns of the gegevensgroep `field` if `body` sends it (the whole group replaced), else none. */
export function groupColumns(
  body: Record<string, unknown>,
  field: string,
  members: readonly GroupMember[],
): Row {
  return field in body ? writeGroup(body[field] as Record<string, unknown> | null, field, members) : {}
}

export const ADRES_MEMBERS: readonly GroupMember[] = [
  ...textMembers('nummeraanduidingId', 'straatnaam'),
  { name: 'huisnummer', kind: 'integer' },
  ...textMembers(
    'huisnummertoevoeging',
    'postcode',
    'stad',
    'adresregel1',
    'adresregel2',
    'adresregel3',
    'land',
  ),
]

export const CONTACTNAAM_MEMBERS = textMembers(
  'voorletters',
  'voornaam',
  'voorvoegselAchternaam',
  'achternaam',
)

export const IDENTIFICATOR_MEMBERS = textMembers(
  'objectId',
  'codeObjecttype',
  'codeRegister',
  'codeSoortObjectId',
)

/** `volledigeNaam` as Open Klant builds it: voornaam, voorvoegsel, achternaam, empty parts skipped. */
export function volledigeNaam(contactnaam: Record<string, unknown>): string {
  return [contactnaam['voornaam'], contactnaam['voorvoegselAchternaam'], contactnaam['achternaam']]
    .map((p) => (typeof p === 'string' ? p.trim() : ''))
    .filter(Boolean)
    .join(' ')
}
