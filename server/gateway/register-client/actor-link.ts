import { UpstreamError, type KlantinteractiesClient } from './client'
import { problemFor } from './upstream-errors'
import type { Page } from './types'

/**
 * Links an actor to a klantcontact exactly once (each medewerker who handled it is on it once):
 * `POST /actorklantcontacten`, where the register's `unique` refusal of the pair ("De velden actor,
 * klantcontact moeten een unieke set zijn.") means it is linked already: success. A lost answer is
 * settled by looking the pair up (docs/gateway.md, "Registering a contact exactly once"). A
 * definite refusal is a `LinkRefused` carrying the register's error, for the caller to compensate
 * or report.
 */
export class LinkRefused extends Error {
  constructor(readonly refusal: UpstreamError) {
    super('actor link refused')
  }

  /** The register does not know the actor (deleted since we cached its uuid). */
  get actorUnknown(): boolean {
    return (this.refusal.problem?.invalidParams ?? []).some((p) => p.name.startsWith('actor'))
  }
}

export async function linkActor(
  client: KlantinteractiesClient,
  actor: string,
  klantcontact: string,
): Promise<void> {
  try {
    await client.post('actorklantcontacten', { actor: { uuid: actor }, klantcontact: { uuid: klantcontact } })
  } catch (error) {
    if (!(error instanceof UpstreamError)) {
      throw error
    }
    if (error.isUniqueViolation('nonFieldErrors')) {
      return
    }
    if (error.ambiguous) {
      const links = await client.get<Page<unknown>>('actorklantcontacten', {
        actor__uuid: actor,
        klantcontact__uuid: klantcontact,
      })
      if (links.count > 0) {
        return
      }
      throw problemFor(error)
    }
    throw new LinkRefused(error)
  }
}
