import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { buildContentSecurityPolicy } from './electron/main/csp'
import { endpointsFromEnv } from './electron/main/endpoints'

const root = import.meta.dirname

/**
 * Adds the CSP as a <meta> tag to the built index.html, for the plain web build, whose server may
 * send no policy of its own. The desktop app's app:// handler sends the policy as a header and
 * rewrites this tag to the endpoints configured at run time (electron/main/app-files.ts); the
 * builder and the endpoint config are the same ones main uses. Build only: the Vite dev server
 * needs inline scripts and its own WebSocket, which main's dev header allows instead.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'kcc-content-security-policy',
    apply: 'build',
    transformIndexHtml() {
      const endpoints = endpointsFromEnv(process.env)
      const policy = buildContentSecurityPolicy({
        connectOrigins: [endpoints.gatewayOrigin, endpoints.sipOrigin],
        delivery: 'meta',
      })
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
          injectTo: 'head-prepend',
        },
      ]
    },
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The package ships no node_modules (electron-builder.yml `files`): the updater goes into the
      // main bundle with its own dependencies; electron itself stays external.
      externalizeDeps: { exclude: ['electron-updater'] },
      rolldownOptions: { input: { main: resolve(root, 'electron/main/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules or load ESM (Electron's "Process
      // Sandboxing" guide): bundle everything into one CommonJS file that requires nothing but
      // `electron`.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; agents' PCs load it on every start.
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
})
