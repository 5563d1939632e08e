/**
 * `GET /api/klantcontacten/zoeken`: search klantcontacten through the gateway (docs/gateway.md,
 * "Zoeken"). Every criterion is optional, but at least one of nummer, telefoonnummer, naam,
 * onderwerp or mijn must be given (a date range alone would read the whole register). Results
 * newest first, `pageSize` per page (default 20, at most 50).
 */
import type { KlantcontactSummaryView } from './klantbeeld'

export interface KlantcontactSearchQuery {
  /** Exact klantcontactnummer. */
  nummer?: string
  /** The klant's phone number, in any spelling (06…, +316…, 0031…). */
  telefoonnummer?: string
  /** Part of the klant's name (betrokkene contactnaam or partij). */
  naam?: string
  /** Text in the onderwerp. */
  onderwerp?: string
  /** YYYY-MM-DD, inclusive, Europe/Amsterdam. */
  van?: string
  /** YYYY-MM-DD, inclusive, Europe/Amsterdam. */
  tot?: string
  /** Only klantcontacten the agent handled ("Mijn recente"). */
  mijn?: boolean
  /** 1-based. */
  page?: number
  pageSize?: number
}

export interface KlantcontactSearchView {
  results: KlantcontactSearchResultView[]
  page: number
  /** Whether a next page exists. */
  next: boolean
}

export interface KlantcontactSearchResultView extends KlantcontactSummaryView {
  /**
   * Whether the agent may change it (add an answer, record the afhandeling): their own, or passed
   * to them. Any other result opens read-only.
   */
  bewerkbaar: boolean
}
