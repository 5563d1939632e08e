/**
 * The app's own origin, app://kcc, which the built renderer is loaded from (app-protocol.ts).
 * Kept free of the `electron` import so the pure modules that compare URLs against it stay pure.
 *
 * This origin is what the renderer's requests carry: `fetch` to the gateway and the SIP WebSocket
 * send `Origin: app://kcc` (docs/agent-app.md, "The desktop shell").
 */

export const appScheme = 'app'
export const appHost = 'kcc'
/** Serialised as browsers do for a standard scheme; Node's URL gives `null` for app: origins. */
export const appOrigin = `${appScheme}://${appHost}`
export const appIndexUrl = `${appOrigin}/index.html`
