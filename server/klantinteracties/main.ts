import { createRootLogger, scopedLogger } from '../lib/logger'
import { buildProviderApp } from './app'
import { ConfigError, configFromEnv } from './config'

/** Entry point: configuration, listen, graceful shutdown. Everything else is in `app.ts`. */
const root = createRootLogger({ name: 'klantinteracties' })
const log = scopedLogger(root, 'main')

try {
  const config = configFromEnv()
  const { app } = await buildProviderApp(config, root)
  await app.listen({ host: config.host, port: config.port })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down')
      void app.close().then(() => process.exit(0))
    })
  }
} catch (error) {
  if (error instanceof ConfigError) {
    log.fatal(error.message)
  } else {
    log.fatal({ err: error }, 'provider failed to start')
  }
  process.exit(1)
}
