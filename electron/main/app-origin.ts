import { DESKTOP_APP_HOST, DESKTOP_APP_ORIGIN, DESKTOP_APP_SCHEME } from '../../shared/desktop/app-origin'

/**
 * The app's own origin, app://kcc, which the built renderer is loaded from (app-protocol.ts).
 * The values live in shared/desktop/app-origin.ts, since the gateway allows this origin too.
 * Kept free of the `electron` import so the pure modules that compare URLs against it stay pure.
 *
 * This origin is what the renderer's requests carry: `fetch` to the gateway and the SIP WebSocket
 * send `Origin: app://kcc` (docs/agent-app.md, "The desktop shell").
 */

export const appScheme = DESKTOP_APP_SCHEME
export const appHost = DESKTOP_APP_HOST
export const appOrigin = DESKTOP_APP_ORIGIN
export const appIndexUrl = `${appOrigin}/index.html`
