import type { Logger } from '../../lib/logger'
import type { AgentIdentity } from '../auth/authenticator'
import { idempotencyKeyReused, notFoundBecause, ProblemError, validationError } from '../http/problems'
import { canonicalJson, NestingTooDeep, sha256 } from '../lib/canonical-json'
import type { Clock } from '../lib/clock'
import { SingleFlight } from '../lib/single-flight'
import { LinkRefused, linkActor } from './actor-link'
import type { AanleidingCheck } from './aanleiding'
import type { ActorRegistry } from './actors'
import { UpstreamError, type KlantinteractiesClient } from './client'
import type { IdempotencyRecord, IdempotencyStore } from './idempotency'
import { ensureKlantTelefoonnummer, klantBetrokkene, registerTelefoonnummer } from './klant-telefoonnummer'
import { findOwn, maakKlantcontactBody, type RegisterInput } from './maak-klantcontact'
import { EXPAND_BETROKKENEN, type KlantcontactRecord, type MaakKlantcontactReply } from './types'
import { problemFor, registrationField } from './upstream-errors'
import type { ActorView, KlantcontactView, ViewBuilder } from './view'

/**
 * Registering a contact: klantcontact + betrokkene (rol klant, initiator,
 * contactnaam) + the agent's actorklantcontact, exactly once per Idempotency-Key.
 *
 * The register offers no idempotency and no atomic "klantcontact + actor" create, so this is a saga
 * over its calls (the VNG case for registering a klantcontact accepts the temporary inconsistency
 * and describes compensation):
 *
 * 1. claim the idempotency record, choosing the referentienummer (and, against Open Klant 2.16+,
 *    the nummer) BEFORE the register is called;
 * 2. if an earlier attempt may have reached the register, look the klantcontact up by
 *    referentienummer first (docs/gateway.md); otherwise `POST /maak-klantcontact`
 *    (klantcontact + betrokkene in one transaction). A lost answer (timeout, reset, 5xx) is followed
 *    by the same lookup; a `unique` refusal of the referentienummer means an earlier attempt won;
 * 3. link the agent's actor (`POST /actorklantcontacten`), tolerating "already linked";
 * 4. store the caller's number as the klant betrokkene's digitaal adres (klant-telefoonnummer.ts);
 * 5. mark the record complete. A retry after that only reads the klantcontact back.
 *
 * A call-back's link to its aanleiding (an onderwerpobject) is part of step 2's one transaction, so
 * it exists exactly when the klantcontact does; it is made only if the agent may read the aanleiding
 * (aanleiding.ts), checked before, and otherwise left out: the contact matters more than the link.
 * Step 4 comes after the klantcontact exists, so its failure must lose nothing and double nothing:
 * a lost answer leaves the record `created` (not complete) and the agent's retry with the same key
 * finds the klantcontact, links again (a no-op) and writes the number only if it is not there yet;
 * a definite refusal of the number (a spelling the register will not take) registers the contact
 * without it, because no retry could change that answer.
 *
 * A crash anywhere leaves a record that the next attempt with the same key continues from: a lookup
 * finds the half-made klantcontact, step 3 completes it. If step 3 is definitely refused, the
 * half-made klantcontact is deleted again (compensation; `DELETE` cascades to its betrokkene) and
 * the record starts over.
 *
 * The klantcontact carries `metadata.kccIdempotencyKey` (maak-klantcontact.ts), so a lookup never
 * mistakes another application's klantcontact for ours.
 */
export type { RegisterInput }

export interface Registered {
  klantcontact: KlantcontactView
  /** An earlier request with this key already registered it. */
  replayed: boolean
}

function rolledBack(): ProblemError {
  return new ProblemError(
    502,
    'registratie_teruggedraaid',
    'Het klantcontact kon niet volledig worden vastgelegd.',
    'Het klantcontactregister weigerde de koppeling met de medewerker; het half vastgelegde klantcontact is verwijderd. Probeer het opnieuw.',
    'BadGateway',
  )
}

/** How often a nummer or referentienummer someone else took is replaced before giving up. */
const MAX_RENUMBER = 20

export interface RegistrationDeps {
  client: KlantinteractiesClient
  store: IdempotencyStore
  actors: ActorRegistry
  /** Whether a call-back may be linked to its aanleiding. */
  aanleiding: AanleidingCheck
  views: ViewBuilder
  clock: Clock
  log: Logger
}

function requestHash(input: RegisterInput): string {
  try {
    return sha256(canonicalJson(input))
  } catch (error) {
    if (error instanceof NestingTooDeep) {
      throw validationError([
        { name: 'nonFieldErrors', code: 'too_deep', reason: 'Deze gegevens zijn te diep genest.' },
      ])
    }
    throw error
  }
}

export class ContactRegistration {
  private readonly flights = new SingleFlight<Registered>()

  constructor(private readonly deps: RegistrationDeps) {}

  /**
   * Identical requests (same agent, key and body) share one execution. The body's hash is part of
   * the flight's key: a request with the same key and another body must never be handed the first
   * body's klantcontact, so it runs on its own and meets the record's hash in `registerInFlight` (422),
   * at once or after the other's claim, just as it would one after the other.
   *
   * The whole saga runs within one time budget (client.ts `withinBudget`).
   */
  register(agent: AgentIdentity, key: string, input: RegisterInput): Promise<Registered> {
    const hash = requestHash(input)
    return this.flights.run(`${agent.login}\n${key}\n${hash}`, () =>
      this.deps.client.withinBudget(() => this.registerInFlight(agent, key, hash, input)),
    )
  }

  private async registerInFlight(
    agent: AgentIdentity,
    key: string,
    hash: string,
    input: RegisterInput,
  ): Promise<Registered> {
    const { store, actors, views } = this.deps
    const claim = await store.claim(agent.login, key, hash)
    let record = claim.record
    if (record.request_hash !== hash) {
      throw idempotencyKeyReused()
    }
    if (record.state === 'complete' && record.klantcontact_uuid) {
      return { klantcontact: await this.readBack(record.klantcontact_uuid), replayed: true }
    }

    const self: ActorView = {
      uuid: await actors.medewerker(agent),
      naam: agent.displayName,
      soortActor: 'medewerker',
      login: agent.login,
    }
    let made: MaakKlantcontactReply | null = null
    let existing: KlantcontactRecord | null = null
    let uuid = record.klantcontact_uuid
    if (!uuid) {
      // A fresh record has never been sent; any other may have reached the register before a crash.
      existing = claim.fresh ? null : await findOwn(this.deps.client, record, this.deps.log)
      if (!existing) {
        const created = await this.create(record, input, await this.linkableAanleiding(agent, input))
        record = created.record
        if ('reply' in created) {
          made = created.reply
        } else {
          existing = created.found
        }
      }
      uuid = (made?.klantcontact ?? existing)!.uuid
    }
    try {
      self.uuid = await this.link(agent, self.uuid, uuid)
    } catch (error) {
      if (error instanceof LinkRefused) {
        this.deps.log.warn(
          { klantcontact: uuid, status: error.refusal.status },
          'actor link refused; compensating',
        )
        await this.compensate(record, uuid)
        throw rolledBack()
      }
      // Remember the half-made klantcontact, so the next attempt only links (a crash before this
      // line is covered too: that attempt finds it by referentienummer).
      await store.markCreated(record, uuid)
      throw error
    }
    const number = registerTelefoonnummer(input.telefoonnummer)
    if (number) {
      existing ??= made ? null : await this.read(uuid)
      const betrokkene = made ? (made.betrokkene?.uuid ?? null) : klantBetrokkene(existing!)
      if (betrokkene) {
        await this.storeNumber(record, uuid, betrokkene, number)
      }
    }
    // One write on the happy path: `created` is only needed when the saga stops half-way.
    await store.markComplete(record, uuid)

    const replayed = !claim.fresh
    if (made) {
      const betrokkenen = made.betrokkene ? [made.betrokkene] : []
      return {
        klantcontact: views.build(made.klantcontact, { visible: true, betrokkenen, extraActors: [self] }),
        replayed,
      }
    }
    existing ??= await this.read(uuid)
    return { klantcontact: views.build(existing, { visible: true, extraActors: [self] }), replayed }
  }

  /** The aanleiding to link, when there is one and the agent may read it (aanleiding.ts). */
  private async linkableAanleiding(agent: AgentIdentity, input: RegisterInput): Promise<string | null> {
    const aanleiding = input.aanleidingKlantcontactUuid?.toLowerCase()
    if (!aanleiding) {
      return null
    }
    const refusal = await this.deps.aanleiding.refusal(agent, aanleiding)
    if (refusal) {
      this.deps.log.info({ aanleiding, reason: refusal }, 'call-back registered without its aanleiding')
      return null
    }
    return aanleiding
  }

  /** Step 4; see the class comment for why each failure is safe. */
  private async storeNumber(
    record: IdempotencyRecord,
    uuid: string,
    betrokkene: string,
    number: string,
  ): Promise<void> {
    try {
      await ensureKlantTelefoonnummer(this.deps.client, betrokkene, number, this.deps.log)
    } catch (error) {
      if (error instanceof UpstreamError && !error.ambiguous) {
        this.deps.log.warn(
          { klantcontact: uuid, status: error.status },
          'telefoonnummer refused by the register; registered without it',
        )
        return
      }
      await this.deps.store.markCreated(record, uuid)
      throw error instanceof UpstreamError ? problemFor(error) : error
    }
  }

  /** POST /maak-klantcontact, resolving `unique` refusals and lost answers. */
  private async create(
    initial: IdempotencyRecord,
    input: RegisterInput,
    aanleiding: string | null,
  ): Promise<
    | { record: IdempotencyRecord; reply: MaakKlantcontactReply }
    | { record: IdempotencyRecord; found: KlantcontactRecord }
  > {
    let record = initial
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await this.deps.client.post<MaakKlantcontactReply>(
          'maak-klantcontact',
          maakKlantcontactBody(record, input, new Date(this.deps.clock()), { aanleiding }),
        )
        return { record, reply }
      } catch (error) {
        if (!(error instanceof UpstreamError)) {
          throw error
        }
        const refusedReferentie = error.isUniqueViolation('referentienummer')
        const refusedNummer = record.nummer !== null && error.isUniqueViolation('nummer')
        if (error.ambiguous || refusedReferentie || refusedNummer) {
          // The answer was lost, or an earlier attempt (a crash, another instance) already made it.
          const found = await findOwn(this.deps.client, record, this.deps.log)
          if (found) {
            return { record, found }
          }
        }
        if ((refusedReferentie || refusedNummer) && attempt < MAX_RENUMBER) {
          // Someone else's klantcontact holds that number (a shared Open Klant): take the next.
          record = refusedReferentie
            ? await this.deps.store.rereference(record)
            : await this.deps.store.renumber(record)
          this.deps.log.info(
            { field: refusedReferentie ? 'referentienummer' : 'nummer' },
            'number taken, renumbered',
          )
          continue
        }
        if (!error.ambiguous) {
          // A definite refusal created nothing: drop the record so the corrected draft can reuse its key.
          await this.deps.store.discard(record)
        }
        throw problemFor(error, registrationField)
      }
    }
  }

  /** Links the agent's actor; a deleted actor is looked up or created again, once. */
  private async link(agent: AgentIdentity, actor: string, uuid: string): Promise<string> {
    try {
      await linkActor(this.deps.client, actor, uuid)
      return actor
    } catch (error) {
      if (!(error instanceof LinkRefused && error.actorUnknown)) {
        throw error
      }
      this.deps.actors.forget(actor)
      const again = await this.deps.actors.medewerker(agent)
      await linkActor(this.deps.client, again, uuid)
      return again
    }
  }

  /** VNG's saga: undo the klantcontact (its betrokkene goes with it). If that fails, a retry continues. */
  private async compensate(record: IdempotencyRecord, uuid: string): Promise<void> {
    try {
      await this.deps.client.delete(`klantcontacten/${uuid}`)
    } catch (error) {
      if (!(error instanceof UpstreamError && error.status === 404)) {
        throw error
      }
    }
    await this.deps.store.reset(record)
  }

  private async read(uuid: string): Promise<KlantcontactRecord> {
    const found = await this.deps.client.find<KlantcontactRecord>(
      `klantcontacten/${uuid}`,
      EXPAND_BETROKKENEN,
    )
    if (!found) {
      throw notFoundBecause('Het klantcontact van deze registratie bestaat niet meer in het register.')
    }
    return found
  }

  private async readBack(uuid: string): Promise<KlantcontactView> {
    return this.deps.views.build(await this.read(uuid), { visible: true })
  }
}
