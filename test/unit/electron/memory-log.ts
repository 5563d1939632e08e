import { createLogger, type Logger } from '../../../electron/main/log'

/** A real logger whose lines are kept in memory, for asserting on what was logged. */
export function memoryLog(scope = 'test'): { log: Logger; entries: () => Array<Record<string, unknown>> } {
  const lines: string[] = []
  return {
    log: createLogger(scope, (line) => lines.push(line)),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}
