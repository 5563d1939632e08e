import { answerRoom, endsWithAnswer, withAnswer, type AnswerField } from '../../../shared/klantcontact/answer'
import type { Logger } from '../../lib/logger'
import type { AgentIdentity } from '../auth/authenticator'
import { notFound, permissionDenied, validationError } from '../http/problems'
import { KeyedQueue } from '../lib/single-flight'
import type { AccessPolicy } from './access'
import { LinkRefused, linkActor } from './actor-link'
import type { ActorRegistry } from './actors'
import { UpstreamError, type KlantinteractiesClient } from './client'
import type { KlantcontactReader } from './reader'
import { problemFor } from './upstream-errors'
import type { KlantcontactView, ViewBuilder } from './view'

/**
 * The colleague's answer. The VNG case records it by adding to the klantcontact's inhoud ("Het
 * antwoord wordt vastgelegd door de inhoud van het klantcontact aan te vullen") and links the
 * colleague as an actor ("koppel actor aan klantcontact").
 *
 * - `inhoud` (the case's way): the answer is appended to the question and only `inhoud` is
 *   PATCHed (append, don't replace; a PATCH changes only what it sends).
 * - `reactie` (Open Klant 2.16+): the field meant for the answer.
 *
 * How it is appended, and the field's OAS limit, are shared/klantcontact/answer.ts (the app counts
 * the room left with the same rule). An answer that does not fit is refused with a field error that
 * says by how many characters, and nothing is written, so nothing is lost.
 *
 * Then the answering agent's actor is linked, once: "already linked" is success.
 *
 * One answer per klantcontact at a time in this process (a read-modify-write of inhoud must not
 * interleave). A retry of the same answer, whose first attempt was written but not acknowledged,
 * is recognised (the text already ends with it) and not appended twice.
 */
export class AnswerService {
  private readonly queue = new KeyedQueue()

  constructor(
    private readonly deps: {
      client: KlantinteractiesClient
      reader: KlantcontactReader
      access: AccessPolicy
      actors: ActorRegistry
      views: ViewBuilder
      field: AnswerField
      log: Logger
    },
  ) {}

  answer(agent: AgentIdentity, uuid: string, antwoord: string): Promise<KlantcontactView> {
    return this.queue.run(uuid, () => this.answerOnce(agent, uuid, antwoord))
  }

  private async answerOnce(agent: AgentIdentity, uuid: string, antwoord: string): Promise<KlantcontactView> {
    const { client, reader, access, actors, views, field } = this.deps
    const klantcontact = await reader.byUuid(uuid)
    if (!klantcontact) {
      throw notFound()
    }
    // Only who is involved or to whom it was transferred; answering makes the agent involved.
    if (!(await access.mayAddTo(agent, klantcontact))) {
      throw permissionDenied(
        'Alleen een medewerker die bij dit klantcontact betrokken is of aan wie het is overgedragen, kan het beantwoorden.',
      )
    }
    const current = field === 'inhoud' ? klantcontact.inhoud : klantcontact.reactie
    if (!endsWithAnswer(current, antwoord, field)) {
      const { max, remaining } = answerRoom(current, antwoord, field)
      if (remaining < 0) {
        throw validationError([
          { name: 'antwoord', code: 'max_length', reason: tooLong(field, max - remaining, max) },
        ])
      }
      try {
        await client.patch(`klantcontacten/${uuid}`, { [field]: withAnswer(current, antwoord, field) })
      } catch (error) {
        throw error instanceof UpstreamError ? problemFor(error, () => 'antwoord') : error
      }
    }
    try {
      await linkActor(client, await actors.medewerker(agent), uuid)
    } catch (error) {
      throw error instanceof LinkRefused ? problemFor(error.refusal) : error
    }
    const updated = await reader.byUuid(uuid)
    if (!updated) {
      throw notFound()
    }
    return views.build(updated, { visible: true })
  }
}

function tooLong(field: AnswerField, length: number, max: number): string {
  const over = length - max
  const where = field === 'inhoud' ? 'de inhoud van het klantcontact' : 'de reactie'
  return (
    `Het antwoord past niet in ${where}: samen met wat er al staat wordt dat ${length} tekens, ` +
    `${over} ${over === 1 ? 'teken' : 'tekens'} te veel (hoogstens ${max}). ` +
    `Maak het antwoord ${over} ${over === 1 ? 'teken' : 'tekens'} korter; er is nog niets opgeslagen.`
  )
}
