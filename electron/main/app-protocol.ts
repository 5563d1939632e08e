import { protocol } from 'electron'
import { createAppFileHandler } from './app-files'
import { appHost, appScheme } from './app-origin'
import type { Logger } from './log'

/**
 * The app:// scheme the built renderer is loaded from, instead of file:// (Electron security
 * checklist #18 "Avoid usage of the file:// protocol and prefer usage of custom protocols"). A
 * file:// page may read any other file:// URL and all such pages share the opaque origin `null`;
 * app://kcc is a real origin of its own that serves only the renderer build folder, with the CSP as
 * a response header.
 */

/**
 * Declares the scheme's privileges. Electron accepts this only before the app is ready, once.
 * - standard: relative URLs resolve, the origin is `app://kcc` and web storage works (the session
 *   token and drafts live in sessionStorage/localStorage, docs/agent-app.md);
 * - secure: a secure context like https:, so the microphone (getUserMedia) is available;
 * - codeCache: V8 caches the compiled bundle between starts (needs standard).
 * Nothing else: not bypassCSP (the policy applies), not corsEnabled (no other origin reads these
 * files), not supportFetchAPI (the renderer loads its files by <script>, <link> and <audio>), not
 * stream (every response is a whole file, so <audio> may treat it as fully buffered).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, codeCache: true },
    },
  ])
}

export interface AppProtocolOptions {
  readonly root: string
  readonly headerPolicy: string
  readonly metaPolicy: string
  readonly log: Logger
}

/** Serves `root` as app://kcc/ on the default session. Call once the app is ready. */
export function handleAppProtocol({ root, headerPolicy, metaPolicy, log }: AppProtocolOptions): void {
  protocol.handle(
    appScheme,
    createAppFileHandler({ root, protocol: `${appScheme}:`, host: appHost, headerPolicy, metaPolicy, log }),
  )
}
