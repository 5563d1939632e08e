import { writeFileSync } from 'node:fs'
import { configurationReference } from '../server/gateway/config/reference'

/**
 * `npm run docs:config`: writes docs/configuration.md from the configuration's schema and its table
 * of environment variables (server/gateway/config/reference.ts).
 */
const target = new URL('../docs/configuration.md', import.meta.url)
writeFileSync(target, configurationReference())
process.stdout.write(`wrote ${target.pathname}\n`)
