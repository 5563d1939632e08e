import { buildProviderApp } from '../server/klantinteracties/app'
import type { ProviderConfig } from '../server/klantinteracties/config'
import { createRootLogger } from '../server/lib/logger'
import { serveForBenchmark } from './lib/serve'

/**
 * The provider under test, exactly as main.ts builds it (buildProviderApp), started by
 * bench/provider.ts with its configuration as the first argument. Logging is at `warn`: per-request
 * info lines would measure pino, and errors must still show.
 */
const config = JSON.parse(process.argv[2] ?? '') as ProviderConfig
const { app } = await buildProviderApp(config, createRootLogger({ level: 'warn', name: 'bench-provider' }))
await serveForBenchmark(app)
