import { aanvullingRoom, endsWithAanvulling, withAanvulling } from '../../../shared/klantcontact/aanvulling'
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
 * The registering agent's aanvulling (shared/klantcontact/aanvulling.ts) goes the same way: always
 * into inhoud, without the `Antwoord: ` label, with the same rule for who may and the same limit.
 *
 * One addition per klantcontact at a time in this process (a read-modify-write of inhoud must not
 * interleave). A retry of the same text, whose first attempt was written but not acknowledged,
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
    const field = this.deps.field
    return this.queue.run(uuid, () =>
      this.appendOnce(agent, uuid, {
        field,
        name: 'antwoord',
        already: (current) => endsWithAnswer(current, antwoord, field),
        room: (current) => answerRoom(current, antwoord, field),
        next: (current) => withAnswer(current, antwoord, field),
        tooLong: (length, max) => tooLong('Het antwoord', where(field), length, max),
        refused:
          'Alleen een medewerker die bij dit klantcontact betrokken is of aan wie het is overgedragen, kan het beantwoorden.',
      }),
    )
  }

  /** The agent's aanvulling, appended to inhoud after a blank line. */
  aanvullen(agent: AgentIdentity, uuid: string, aanvulling: string): Promise<KlantcontactView> {
    return this.queue.run(uuid, () =>
      this.appendOnce(agent, uuid, {
        field: 'inhoud',
        name: 'aanvulling',
        already: (current) => endsWithAanvulling(current, aanvulling),
        room: (current) => aanvullingRoom(current, aanvulling),
        next: (current) => withAanvulling(current, aanvulling),
        tooLong: (length, max) => tooLong('De aanvulling', where('inhoud'), length, max),
        refused:
          'Alleen een medewerker die bij dit klantcontact betrokken is of aan wie het is overgedragen, kan het aanvullen.',
      }),
    )
  }

  private async appendOnce(agent: AgentIdentity, uuid: string, how: Addition): Promise<KlantcontactView> {
    const { client, reader, access, actors, views } = this.deps
    const { field } = how
    const klantcontact = await reader.byUuid(uuid)
    if (!klantcontact) {
      throw notFound()
    }
    // Only who is involved or to whom it was transferred; adding makes the agent involved.
    if (!(await access.mayAddTo(agent, klantcontact))) {
      throw permissionDenied(how.refused)
    }
    const current = field === 'inhoud' ? klantcontact.inhoud : klantcontact.reactie
    if (!how.already(current)) {
      const { max, remaining } = how.room(current)
      if (remaining < 0) {
        throw validationError([
          { name: how.name, code: 'max_length', reason: how.tooLong(max - remaining, max) },
        ])
      }
      try {
        await client.patch(`klantcontacten/${uuid}`, { [field]: how.next(current) })
      } catch (error) {
        throw error instanceof UpstreamError ? problemFor(error, () => how.name) : error
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

/** One way of adding text to a field: the answer's or the aanvulling's rule. */
interface Addition {
  readonly field: AnswerField
  /** The request field, for the field error. */
  readonly name: string
  readonly already: (current: string | null | undefined) => boolean
  readonly room: (current: string | null | undefined) => { max: number; remaining: number }
  readonly next: (current: string | null | undefined) => string
  readonly tooLong: (length: number, max: number) => string
  readonly refused: string
}

function where(field: AnswerField): string {
  return field === 'inhoud' ? 'de inhoud van het klantcontact' : 'de reactie'
}

function tooLong(what: string, where: string, length: number, max: number): string {
  const over = length - max
  const tekens = `${over} ${over === 1 ? 'teken' : 'tekens'}`
  return (
    `${what} past niet in ${where}: samen met wat er al staat wordt dat ${length} tekens, ` +
    `${tekens} te veel (hoogstens ${max}). ` +
    `Maak ${what.toLowerCase()} ${tekens} korter; er is nog niets opgeslagen.`
  )
}
