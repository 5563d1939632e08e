import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../electron/main/log'

function capture() {
  const lines: string[] = []
  const log = createLogger(
    'main',
    (line) => lines.push(line),
    () => new Date('2026-01-02T03:04:05.000Z'),
  )
  return { log, lines }
}

describe('main-process logger', () => {
  it('writes one JSON line per entry with time, level, scope and fields', () => {
    const { log, lines } = capture()
    log.info('window created', { id: 1 })
    expect(lines).toEqual([
      '{"time":"2026-01-02T03:04:05.000Z","level":"info","scope":"main","msg":"window created","id":1}\n',
    ])
  })

  it('prefixes the scope of a child logger with its parent', () => {
    const { log, lines } = capture()
    log.child('ipc').warn('rejected')
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ scope: 'main:ipc', level: 'warn' })
  })

  it('logs the name and message of an Error field', () => {
    const { log, lines } = capture()
    log.error('failed', { error: new TypeError('boom') })
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ error: { name: 'TypeError', message: 'boom' } })
  })

  it('does not let a field overwrite the level or scope', () => {
    const { log, lines } = capture()
    log.debug('sneaky', { level: 'error', scope: 'other' })
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'debug', scope: 'main' })
  })
})
