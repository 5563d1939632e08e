import { IpcChannel, ipcContract, type AppConfig } from '../../../shared/ipc'
import type { Handle } from '../ipc'

/**
 * `app:config:get`: the gateway's base URL. The Electron renderer loads from app://kcc, not from
 * the gateway, so its own origin does not lead to the gateway; the value was checked at startup (endpoints.ts), so a bad
 * KCC_GATEWAY_URL stops the app before any window opens instead of failing here.
 */
export function registerAppConfigHandler(handle: Handle, config: AppConfig): void {
  // A copy, so the answer cannot change after startup even if the caller's object does.
  const answer: AppConfig = { gatewayUrl: config.gatewayUrl }
  handle(IpcChannel.AppConfigGet, ipcContract[IpcChannel.AppConfigGet].request, () => answer)
}
