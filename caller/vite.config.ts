import { defineConfig } from 'vite'

/**
 * The demo caller page (`npm run build:caller`), apart from the agent app's electron-vite build:
 * it is not part of the packaged app. Relative `base`, so the KCC server can serve it under
 * /caller/ (server/compose/kcc-server.ts, demo mode only).
 */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname)

export default defineConfig({
  root,
  base: './',
  build: {
    outDir: decodeURIComponent(new URL('../out/caller', import.meta.url).pathname),
    emptyOutDir: true,
  },
})
