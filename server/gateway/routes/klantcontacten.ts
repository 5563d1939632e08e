import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CONTACTNAAM_LIMITS, KLANTCONTACT_LIMITS } from '../../../shared/api/klantinteracties-limits'
import { AANVULLING_MAX } from '../../../shared/klantcontact/aanvulling'
import { ANSWER_LIMITS } from '../../../shared/klantcontact/answer'
import {
  isKlantcontactnummer,
  KLANTCONTACTNUMMER_REASON,
} from '../../../shared/klantcontact/klantcontactnummer'
import { isUuid } from '../../../shared/text/uuid'
import { disclosed, klantcontactObjects } from '../audit/objects'
import { agentOf } from '../auth/guard'
import { notFoundBecause, validationError } from '../http/problems'
import { bodyValidator, requireText } from '../http/validation'
import type { RegisterInput } from '../register-client/register'
import type { GatewayServices } from '../services'

/**
 * The klantcontact part of the task API (C0534):
 * - `POST /api/klantcontacten` + `Idempotency-Key` → 201 KlantcontactView (step 1)
 * - `GET /api/klantcontacten/by-nummer/:nummer` → KlantcontactView (step 3B)
 * - `POST /api/klantcontacten/:uuid/antwoord` {antwoord} → KlantcontactView (step 3B/5)
 * - `POST /api/klantcontacten/:nummer/aanvulling` {aanvulling} → KlantcontactView: the agent adds to
 *   inhoud after saving, under the answer's rules (who may, limit, audit)
 * - `GET /api/klantcontacten/recent` → {results: KlantcontactView[]}
 *
 * Limits are the register's (shared/api/klantinteracties-limits.ts), checked here so the field error
 * names the agent's field.
 */
const registerBody = bodyValidator<RegisterInput>({
  type: 'object',
  required: ['kanaal', 'onderwerp'],
  properties: {
    kanaal: { type: 'string', minLength: 1, maxLength: KLANTCONTACT_LIMITS.kanaal },
    onderwerp: { type: 'string', minLength: 1, maxLength: KLANTCONTACT_LIMITS.onderwerp },
    inhoud: { type: 'string', nullable: true, maxLength: KLANTCONTACT_LIMITS.inhoud },
    taal: { type: 'string', nullable: true, minLength: 1, maxLength: KLANTCONTACT_LIMITS.taal },
    vertrouwelijk: { type: 'boolean', nullable: true },
    indicatieContactGelukt: { type: 'boolean', nullable: true },
    plaatsgevondenOp: { type: 'string', nullable: true, format: 'date-time' },
    contactnaam: {
      type: 'object',
      nullable: true,
      properties: {
        voorletters: { type: 'string', nullable: true, maxLength: CONTACTNAAM_LIMITS.voorletters },
        voornaam: { type: 'string', nullable: true, maxLength: CONTACTNAAM_LIMITS.voornaam },
        voorvoegselAchternaam: {
          type: 'string',
          nullable: true,
          maxLength: CONTACTNAAM_LIMITS.voorvoegselAchternaam,
        },
        achternaam: { type: 'string', nullable: true, maxLength: CONTACTNAAM_LIMITS.achternaam },
      },
    },
    partijUuid: { type: 'string', nullable: true, format: 'uuid' },
    aanleidingKlantcontactUuid: { type: 'string', nullable: true, format: 'uuid' },
    telefoonnummer: { type: 'string', nullable: true, maxLength: 40 },
  },
})

/** No answer can be longer than the larger of the fields it may go to; the exact fit is AnswerService's. */
const answerBody = bodyValidator<{ antwoord: string }>({
  type: 'object',
  required: ['antwoord'],
  properties: {
    antwoord: { type: 'string', minLength: 1, maxLength: Math.max(...Object.values(ANSWER_LIMITS)) },
  },
})

const aanvullingBody = bodyValidator<{ aanvulling: string }>({
  type: 'object',
  required: ['aanvulling'],
  properties: { aanvulling: { type: 'string', minLength: 1, maxLength: AANVULLING_MAX } },
})

function idempotencyKey(request: FastifyRequest): string {
  const key = request.headers['idempotency-key']
  if (key === undefined) {
    throw validationError([
      {
        name: 'Idempotency-Key',
        code: 'required',
        reason:
          'Stuur per concept een Idempotency-Key (een UUID) mee, zodat een herhaling geen tweede klantcontact maakt.',
      },
    ])
  }
  if (!isUuid(key)) {
    throw validationError([
      { name: 'Idempotency-Key', code: 'invalid', reason: 'Moet een geldige UUID zijn.' },
    ])
  }
  return key.toLowerCase()
}

export function registerKlantcontactRoutes(app: FastifyInstance, services: GatewayServices): void {
  const { registration, reader, answers, recent, afhandelingen } = services

  app.post(
    '/api/klantcontacten',
    { config: { audit: { action: 'klantcontact.registreren', resource: 'klantcontact' } } },
    async (request, reply) => {
      const agent = agentOf(request)
      const key = idempotencyKey(request)
      const input = registerBody(request.body)
      requireText('onderwerp', input.onderwerp)
      const { klantcontact, replayed } = await registration.register(agent, key, input)
      request.audit.object = { uuid: klantcontact.uuid, nummer: klantcontact.nummer ?? undefined }
      disclosed(request, klantcontactObjects(klantcontact))
      if (replayed) {
        request.audit.outcome.detail = 'herhaald'
        void reply.header('idempotent-replayed', 'true')
      }
      return reply.code(201).send(klantcontact)
    },
  )

  app.get(
    '/api/klantcontacten/recent',
    { config: { audit: { action: 'klantcontact.recent', resource: 'klantcontact' } } },
    async (request) => {
      const results = await afhandelingen.withAfhandeling(await recent.of(agentOf(request)))
      disclosed(request, results.flatMap(klantcontactObjects))
      return { results }
    },
  )

  app.get<{ Params: { nummer: string } }>(
    '/api/klantcontacten/by-nummer/:nummer',
    { config: { audit: { action: 'klantcontact.lezen', resource: 'klantcontact' } } },
    async (request) => {
      const agent = agentOf(request)
      const { nummer } = request.params
      if (!isKlantcontactnummer(nummer)) {
        throw validationError([{ name: 'nummer', code: 'invalid', reason: KLANTCONTACTNUMMER_REASON }])
      }
      const klantcontact = await reader.byNummer(nummer)
      if (!klantcontact) {
        throw notFoundBecause('Er is geen klantcontact met dit nummer.')
      }
      const view = await afhandelingen.withAfhandelingOf(await reader.viewFor(agent, klantcontact))
      request.audit.object.uuid = view.uuid
      disclosed(request, klantcontactObjects(view))
      if (view.afgeschermd) {
        request.audit.outcome.detail = 'afgeschermd'
      }
      return view
    },
  )

  app.post<{ Params: { uuid: string } }>(
    '/api/klantcontacten/:uuid/antwoord',
    { config: { audit: { action: 'klantcontact.beantwoorden', resource: 'klantcontact' } } },
    async (request) => {
      const agent = agentOf(request)
      const { uuid } = request.params
      if (!isUuid(uuid)) {
        throw notFoundBecause('Er is geen klantcontact met deze uuid.')
      }
      const { antwoord } = answerBody(request.body)
      requireText('antwoord', antwoord)
      const view = await afhandelingen.withAfhandelingOf(
        await answers.answer(agent, uuid.toLowerCase(), antwoord),
      )
      request.audit.object.nummer = view.nummer ?? undefined
      disclosed(request, klantcontactObjects(view))
      return view
    },
  )

  app.post<{ Params: { nummer: string } }>(
    '/api/klantcontacten/:nummer/aanvulling',
    { config: { audit: { action: 'klantcontact.aanvullen', resource: 'klantcontact' } } },
    async (request) => {
      const agent = agentOf(request)
      const { nummer } = request.params
      if (!isKlantcontactnummer(nummer)) {
        throw validationError([{ name: 'nummer', code: 'invalid', reason: KLANTCONTACTNUMMER_REASON }])
      }
      const { aanvulling } = aanvullingBody(request.body)
      requireText('aanvulling', aanvulling)
      const klantcontact = await reader.byNummer(nummer)
      if (!klantcontact) {
        throw notFoundBecause('Er is geen klantcontact met dit nummer.')
      }
      request.audit.object = { uuid: klantcontact.uuid, nummer }
      const view = await afhandelingen.withAfhandelingOf(
        await answers.aanvullen(agent, klantcontact.uuid, aanvulling),
      )
      disclosed(request, klantcontactObjects(view))
      return view
    },
  )
}
