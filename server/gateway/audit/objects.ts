import type { FastifyRequest } from 'fastify'
import type { KlantcontactView, PartijMatchView } from '../../../shared/gateway/api'
import type { AuditObject } from './types'

/**
 * What a route's answer disclosed, for its audit line (types.ts `AuditObject`). A route that
 * answers personal data names every object in the answer through these helpers, built from the very
 * views it returns, so a list names each item and nothing returned goes unnamed.
 */
export function disclosed(request: FastifyRequest, objects: readonly AuditObject[]): void {
  request.audit.objects = [...(request.audit.objects ?? []), ...objects]
}

/**
 * A klantcontact, and the betrokkenen whose names the view shows (none when it is afgeschermd:
 * then only that the contact exists was disclosed).
 */
export function klantcontactObjects(view: KlantcontactView): AuditObject[] {
  const klantcontact: AuditObject = {
    type: 'klantcontact',
    uuid: view.uuid,
    ...(view.nummer ? { nummer: view.nummer } : {}),
  }
  const betrokkenen = view.betrokkenen
    .filter((b) => b.volledigeNaam !== null)
    .map((b): AuditObject => ({ type: 'betrokkene', uuid: b.uuid }))
  return [klantcontact, ...betrokkenen]
}

export function partijObjects(matches: readonly PartijMatchView[]): AuditObject[] {
  return matches.map((m) => ({ type: 'partij', uuid: m.uuid }))
}
