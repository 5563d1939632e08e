import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { createRootLogger } from '../server/lib/logger'
import { serveForBenchmark } from './lib/serve'

/**
 * The ceiling: the same Fastify version, logger and body limit as the provider, with routes that do
 * no work beyond what the framework does for every request.
 *
 * - `POST /echo`: Fastify's JSON body parser parses the request (the benchmark sends the same C0534
 *   body as to the provider) and the route answers 201 with that parsed object serialised back.
 * - `GET /echo?nummer=…`: answers 200 with `{"nummer":"…"}` from the parsed query string.
 *
 * No authentication, validation or database: the figures measured here are what HTTP + Fastify +
 * JSON cost on this machine, so the provider's figures divided by them isolate the provider's work.
 */
// Typed and built as app.ts builds the provider's instance, so both run the same Fastify setup.
const app: FastifyInstance = Fastify({
  loggerInstance: createRootLogger({ level: 'warn', name: 'bench-trivial' }) as FastifyBaseLogger,
  bodyLimit: 1024 * 1024,
})
app.post('/echo', (request, reply) => reply.code(201).send(request.body))
app.get('/echo', (request) => ({ nummer: (request.query as { nummer?: string }).nummer ?? null }))
await serveForBenchmark(app)
