/**
 * The desktop app's own origin, `app://kcc`: Electron loads the built renderer from it
 * (electron/main/app-protocol.ts), so the renderer's requests to the gateway and its WebSockets
 * carry `Origin: app://kcc`, and the gateway answers CORS for it (server/gateway/http/cors.ts).
 */
export const DESKTOP_APP_SCHEME = 'app'
export const DESKTOP_APP_HOST = 'kcc'
/** Serialised as browsers do for a standard scheme; Node's URL gives `null` for app: origins. */
export const DESKTOP_APP_ORIGIN = `${DESKTOP_APP_SCHEME}://${DESKTOP_APP_HOST}`
