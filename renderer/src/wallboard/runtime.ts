import type { GatewayApi } from '../api/gateway-client'
import { LiveConnection } from '../live/live-connection'
import { createLogger } from '../log'
import type { useAppStore } from '../store'

type Store = typeof useAppStore

const log = createLogger('wallboard')

/** Afdelingen change rarely; their names are all the wallboard takes from the directory. */
const DIRECTORY_REFRESH_MS = 5 * 60_000

/**
 * What runs behind the wallboard: the live socket (a supervisor's, so every afdeling's queue and
 * counters) and the directory for the afdelingen's names. No softphone and no own state: the
 * screen on the wall takes no calls, and a supervisor logged in at their desk too keeps the state
 * that desk's app tells the gateway (live/own-state.ts leaves it alone).
 */
export class WallboardRuntime {
  private readonly live: LiveConnection
  private readonly timer: ReturnType<typeof setInterval>

  constructor(
    private readonly options: {
      gatewayUrl: string
      api: GatewayApi
      store: Store
      token: () => string | undefined
      onUnauthenticated: () => void
    },
  ) {
    this.live = new LiveConnection({
      gatewayUrl: options.gatewayUrl,
      token: options.token,
      onChange: (view) => options.store.getState().workspace.setLive(view),
      onUnauthenticated: options.onUnauthenticated,
    })
    this.live.start()
    this.refreshDirectory()
    this.timer = setInterval(() => this.refreshDirectory(), DIRECTORY_REFRESH_MS)
  }

  stop(): void {
    clearInterval(this.timer)
    this.live.stop()
  }

  private refreshDirectory(): void {
    const { store, api } = this.options
    api
      .directory()
      .then((directory) => store.getState().workspace.setDirectory({ status: 'ready', value: directory }))
      .catch((error: unknown) => {
        // The tiles keep the names they had; the afdeling ids stand in before the first answer.
        log.warn({ error: String(error) }, 'directory failed')
      })
  }
}
