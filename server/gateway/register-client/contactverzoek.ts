import type { ContactverzoekInput, ContactverzoekView } from '../../../shared/gateway/api'
import type { AgentIdentity } from '../auth/authenticator'
import type { GatewayConfig } from '../config/types'
import type { Roster } from '../directory/roster'
import { notFound, permissionDenied, validationError } from '../http/problems'
import type { AccessPolicy } from './access'
import type { ActorRegistry } from './actors'
import { UpstreamError, type KlantinteractiesClient } from './client'
import type { KlantcontactReader } from './reader'
import type { InterneTaak } from './types'
import { problemFor } from './upstream-errors'

/**
 * A contactverzoek: an interne taak (OAS InterneTaak) asking an afdeling or a colleague
 * to follow a klantcontact up, assigned through `toegewezenAanActoren` (the singular
 * `toegewezenAanActor` is deprecated, Open Klant #182), status `te_verwerken`. Body and answer are
 * the agent app's contract (shared/gateway/api.ts).
 */
export type { ContactverzoekInput, ContactverzoekView } from '../../../shared/gateway/api'

export class ContactverzoekService {
  constructor(
    private readonly deps: {
      config: GatewayConfig
      roster: Pick<Roster, 'byLogin'>
      client: KlantinteractiesClient
      reader: KlantcontactReader
      access: AccessPolicy
      actors: ActorRegistry
    },
  ) {}

  async create(agent: AgentIdentity, input: ContactverzoekInput): Promise<ContactverzoekView> {
    const { config, roster, client, reader, access, actors } = this.deps
    const target = input.toegewezenAan
    const assignee =
      target.type === 'afdeling'
        ? config.afdelingen.find((a) => a.id === target.id)
        : roster.byLogin(target.id)
    if (!assignee) {
      throw validationError([
        {
          name: 'toegewezenAan.id',
          code: 'does_not_exist',
          reason: target.type === 'afdeling' ? 'Onbekende afdeling.' : 'Onbekende medewerker.',
        },
      ])
    }
    const klantcontact = await reader.byUuid(input.klantcontactUuid)
    if (!klantcontact) {
      throw notFound()
    }
    if (!(await access.canSeeContent(agent, klantcontact))) {
      throw permissionDenied(
        'Dit klantcontact is vertrouwelijk; alleen betrokken medewerkers kunnen het doorzetten.',
      )
    }
    const actorUuid = 'naam' in assignee ? await actors.afdeling(assignee) : await actors.medewerker(assignee)
    const naam = 'naam' in assignee ? assignee.naam : assignee.displayName
    let taak: InterneTaak
    try {
      taak = await client.post<InterneTaak>('internetaken', {
        gevraagdeHandeling: input.gevraagdeHandeling,
        toelichting: input.toelichting ?? '',
        toegewezenAanActoren: [{ uuid: actorUuid }],
        aanleidinggevendKlantcontact: { uuid: klantcontact.uuid },
        status: 'te_verwerken',
      })
    } catch (error) {
      throw error instanceof UpstreamError ? problemFor(error) : error
    }
    return {
      uuid: taak.uuid,
      klantcontactUuid: klantcontact.uuid,
      gevraagdeHandeling: taak.gevraagdeHandeling,
      toelichting: taak.toelichting ?? '',
      status: taak.status,
      toegewezenOp: taak.toegewezenOp ?? null,
      toegewezenAan: { type: target.type, id: target.id, naam, actorUuid },
    }
  }
}
