import { statSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/**
 * The desktop app's update feed (electron-updater's generic provider, docs/desktop.md "Updates"):
 * `GET /updates/<file>` serves the files electron-builder wrote into `updates.directory`:
 * `latest.yml`, `latest-linux.yml`, the installers and their blockmaps. Public, since the app
 * checks for updates before anyone signs in, and not audited: the feed discloses no personal data.
 *
 * Only a file name of one of the feed's kinds, directly in the directory, is served: no listing,
 * no index, no dot files, no subdirectories, so nothing else that happens to lie there (a
 * signing key, a note) leaks, whatever the path's spelling. Range requests work, which
 * electron-updater's differential download uses.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.msi': 'application/x-msi',
  '.appimage': 'application/vnd.appimage',
  '.deb': 'application/vnd.debian.binary-package',
  '.blockmap': 'application/octet-stream',
}
const FEED_FILE = /^\/[A-Za-z0-9][A-Za-z0-9 ._+-]{0,200}$/

export async function registerUpdateFeed(app: FastifyInstance, directory: string): Promise<void> {
  const root = resolve(directory)
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`updates.directory ${root} is not a directory`)
  }
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true, unaudited: true }
    })
    await scope.register(fastifyStatic, {
      root,
      prefix: '/updates/',
      decorateReply: false,
      index: false,
      list: false,
      dotfiles: 'deny',
      allowedPath: (path) => FEED_FILE.test(path) && contentTypeOf(path) !== undefined,
      setHeaders: (reply, path) => {
        reply.header('content-type', contentTypeOf(path) ?? 'application/octet-stream')
        // A new latest.yml must be seen at the next check; installers carry their version in the name.
        reply.header('cache-control', extname(path) === '.yml' ? 'no-cache' : 'public, max-age=86400')
      },
    })
  })
}

function contentTypeOf(path: string): string | undefined {
  return CONTENT_TYPES[extname(path).toLowerCase()]
}
