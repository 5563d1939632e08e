/**
 * The caller's picture while the phone rings (docs/gateway.md, "Klantbeeld"): who the number
 * belongs to, what they contacted the municipality about before, and what is still open for them.
 * Pure types, produced by the gateway, shown by the agent app.
 */
import type { Afhandeling } from '../klantcontact/afhandeling'
import type { PartijMatchView } from './api'

/**
 * One klantcontact in a list (the caller's history, a search result, an inbox item's aanleiding).
 * A vertrouwelijk klantcontact the agent may not read keeps its date, kanaal and who, and loses
 * onderwerp (null) with `afgeschermd` true.
 */
export interface KlantcontactSummaryView {
  uuid: string
  nummer: string | null
  kanaal: string
  /** Null when `afgeschermd`. */
  onderwerp: string | null
  plaatsgevondenOp: string | null
  /** Names of the medewerkers (actors) who handled it, in the order they were linked. */
  medewerkers: string[]
  /** Whether the contact came about (OAS `indicatieContactGelukt`); null when not known. */
  indicatieContactGelukt: boolean | null
  vertrouwelijk: boolean
  afgeschermd: boolean
  /** As recorded at the end of the case through this gateway; null when none was recorded. */
  afhandeling: Afhandeling | null
}

/** An open contactverzoek (interne taak, status te_verwerken) in the caller's picture. */
export interface OpenContactverzoekView {
  uuid: string
  nummer: string | null
  gevraagdeHandeling: string
  /** The actor(s) it is assigned to, by name (an afdeling or a medewerker). */
  toegewezenAan: string[]
  toegewezenOp: string | null
  /** The klantcontact that led to it (its nummer opens it). */
  klantcontactNummer: string | null
}

/**
 * `GET /api/klantbeeld?telefoonnummer=<number>` → the picture of the caller. Empty lists for an
 * unknown or withheld number. `klantcontacten`: newest first, at most 10; `contactverzoeken`: open
 * ones, oldest first.
 */
export interface KlantbeeldView {
  partijen: PartijMatchView[]
  klantcontacten: KlantcontactSummaryView[]
  contactverzoeken: OpenContactverzoekView[]
}
