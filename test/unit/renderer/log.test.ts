import { describe, expect, it } from 'vitest'
import { createLogger, type LogFields, type LogLevel } from '../../../renderer/src/log'

describe("the renderer's logger", () => {
  it('takes the fields first and the message last, as the server (pino) does, or a message alone', () => {
    const lines: Array<[LogLevel, string, string, LogFields]> = []
    const log = createLogger('calls', (level, scope, message, fields) =>
      lines.push([level, scope, message, fields]),
    )
    log.info({ callId: 'c-1' }, 'call answered')
    log.warn('online again')
    log.debug({}, 'nothing to add')
    log.error({ error: 'boom' }, 'failed')
    expect(lines).toEqual([
      ['info', 'calls', 'call answered', { callId: 'c-1' }],
      ['warn', 'calls', 'online again', {}],
      ['debug', 'calls', 'nothing to add', {}],
      ['error', 'calls', 'failed', { error: 'boom' }],
    ])
  })
})
