import { createRootLogger, type Logger } from '../../server/lib/logger'

/** A root logger at `level` whose JSON lines are kept in `lines`, for tests that read what was logged. */
export function capturedLogger(level: string): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  const logger = createRootLogger({ level, destination: { write: (line: string) => void lines.push(line) } })
  return { logger, lines }
}
