import Fastify, { type FastifyBaseLogger } from 'fastify'
import { describe, expect, it } from 'vitest'
import { createRootLogger, pathOnly, withoutQueries } from '../../../server/lib/logger'

/**
 * The shared logger keeps query strings (which carry personal data: a phone number, an e-mail
 * address) out of every line, whoever logs the URL: Fastify's request lines, its default 404 line,
 * an error's message and stack.
 */
function capture(): { lines: string[]; logger: ReturnType<typeof createRootLogger> } {
  const lines: string[] = []
  const logger = createRootLogger({
    level: 'trace',
    destination: { write: (l: string) => void lines.push(l) },
  })
  return { lines, logger }
}

describe('the shared logger', () => {
  it('drops the query string of a path or URL in text, and keeps the rest', () => {
    expect(withoutQueries('GET /digitaleadressen?adres=0612345678 failed')).toBe(
      'GET /digitaleadressen?[query removed] failed',
    )
    expect(withoutQueries('http://h:1/a/b?x=1&y=2')).toBe('http://h:1/a/b?[query removed]')
    expect(withoutQueries('Is dit een vraag? Ja.')).toBe('Is dit een vraag? Ja.')
    expect(pathOnly('/api/partijen?telefoonnummer=0612345678')).toBe('/api/partijen?[query removed]')
    expect(pathOnly('/api/me')).toBe('/api/me')
  })

  it('logs an error whose message and stack echo a URL without its query', () => {
    const { lines, logger } = capture()
    logger.error({ err: new Error('fetch /digitaleadressen?adres=0612345678 failed') }, 'upstream failed')
    logger.warn({ err: 'timeout on /partijen?naam=Jansen' }, 'upstream failed')
    logger.info('Route GET:/x?email=jan@example.nl not found')
    expect(lines).toHaveLength(3)
    expect(lines.join('\n')).not.toMatch(/0612345678|Jansen|jan@example/)
  })

  it("covers Fastify's incoming-request and not-found lines of any app built on it", async () => {
    const { lines, logger } = capture()
    const app = Fastify({ loggerInstance: logger.child({ scope: 'http' }) as FastifyBaseLogger })
    app.get('/zoek', () => ({ ok: true }))
    await app.inject({ method: 'GET', url: '/zoek?telefoonnummer=0612345678' })
    await app.inject({ method: 'GET', url: '/onbekend?telefoonnummer=0612345678' })
    await app.close()
    expect(lines.some((line) => line.includes('"url":"/zoek?[query removed]"'))).toBe(true)
    expect(lines.some((line) => line.includes('not found'))).toBe(true)
    expect(lines.filter((line) => line.includes('0612345678'))).toEqual([])
  })
})
