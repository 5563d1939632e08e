/**
 * The contactverzoek inbox (docs/gateway.md, "Inbox"): the interne taken assigned to the agent and
 * to their afdeling, terugbelverzoeken from the queue included. Pure types, produced by the gateway,
 * shown by the agent app.
 */
import type { KlantcontactSummaryView } from './klantbeeld'

export type InboxItemStatus = 'te_verwerken' | 'verwerkt'

export interface InboxItemView {
  /** The interne taak's uuid. */
  uuid: string
  nummer: string | null
  gevraagdeHandeling: string
  toelichting: string
  status: InboxItemStatus
  toegewezenOp: string | null
  afgehandeldOp: string | null
  /** The afdeling it is assigned to (an organisatorische eenheid actor of this gateway's), if any. */
  afdeling: { id: string; naam: string } | null
  /** The medewerker it is assigned to or who claimed it, if any. */
  medewerker: { login: string; naam: string } | null
  /** Registered by the queue for a caller who waited and was not answered. */
  terugbelverzoek: boolean
  /**
   * The number to call back: the klant's phone number as the aanleidinggevend klantcontact holds
   * it (the queue's terugbelverzoek, or the betrokkene's digitaal adres). Null when none is known.
   */
  telefoonnummer: string | null
  /** The aanleidinggevend klantcontact, as a list shows it. */
  klantcontact: KlantcontactSummaryView | null
}

/**
 * `GET /api/inbox?status=open|verwerkt` → open: oldest first; verwerkt: the last 50, newest first.
 * `open`: how many are open for the agent (assigned to them or to their afdeling).
 */
export interface InboxView {
  results: InboxItemView[]
  open: number
}

/** `POST /api/inbox/:uuid/claim` → the item, now assigned to the agent (its afdeling kept). */
/** `POST /api/inbox/:uuid/verwerkt` body → the item, status verwerkt, afgehandeldOp set. */
export interface InboxVerwerktInput {
  /** What was done; appended to the toelichting (OAS InterneTaak has no field of its own). */
  resultaat: string
  /** The klantcontact of the call-back, if one was made (its uuid). */
  klantcontactUuid?: string
}

/** `POST /api/inbox/:uuid/doorzetten` body → the item, now assigned to that afdeling only. */
export interface InboxDoorzettenInput {
  afdeling: string
  /** Why; appended to the toelichting. */
  toelichting?: string
}
