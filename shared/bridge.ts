import type {
  AppConfig,
  AppInfo,
  DesktopCommand,
  DesktopSettings,
  DesktopState,
  IncomingCallNotice,
  IpcResult,
  SsoStartRequest,
  SsoStartResult,
  TrayStatus,
} from './ipc'

/**
 * What the preload exposes to the renderer as `window.kcc`.
 *
 * Named methods only, grouped by domain: never a generic `invoke(channel)` / `send(channel)` and
 * never `ipcRenderer` or `process.env` (Electron security checklist #3 context isolation is only
 * as strong as the API handed across it). Every method resolves to an `IpcResult` instead of
 * rejecting, so failures are values the UI must handle. Future event subscriptions return an
 * unsubscribe function.
 */
export interface DesktopBridge {
  readonly app: {
    getInfo(): Promise<IpcResult<AppInfo>>
    /** The gateway's base URL; the plain web build uses its own origin instead. */
    getConfig(): Promise<IpcResult<AppConfig>>
  }
  readonly calls: {
    /**
     * Shows an OS notification for a ringing call; clicking it brings the window to the front. Where
     * the OS has no notifications, the window comes to the front instead.
     */
    notifyIncoming(notice: IncomingCallNotice): Promise<IpcResult<null>>
  }
  readonly window: {
    /** Brings the app window to the front: for a ringing call, when the agent chose so. */
    bringToFront(): Promise<IpcResult<null>>
  }
  /** The desktop shell: tray, global shortcuts, links from other applications (docs/desktop.md). */
  readonly desktop: {
    /** Tells main the agent's status, for the tray icon and for closing the window while logged in. */
    reportStatus(status: TrayStatus): Promise<IpcResult<null>>
    getSettings(): Promise<IpcResult<DesktopState>>
    setSettings(settings: DesktopSettings): Promise<IpcResult<DesktopState>>
    /**
     * Calls `listener` for each command main sends (a tray choice, a global shortcut, a link), after
     * the preload checked it against the contract. Returns the unsubscribe function.
     */
    onCommand(listener: (command: DesktopCommand) => void): () => void
  }
  /** Single sign-on through the system browser (shared/ipc/sso.ts, docs/desktop.md). */
  readonly auth: {
    /**
     * Opens the gateway's sign-in in the system browser and waits on a loopback port for its
     * answer; resolves with the single-use code once the browser returns with this `state`.
     */
    startSso(request: SsoStartRequest): Promise<IpcResult<SsoStartResult>>
    /** Stops waiting for the browser: a pending `startSso` resolves `cancelled`. */
    cancelSso(): Promise<IpcResult<null>>
    /** Opens the gateway's end-session URL in the system browser, so the provider's session ends too. */
    openEndSession(url: string): Promise<IpcResult<null>>
  }
}

/**
 * `window.kcc` as the renderer must treat it. The preload always provides a full
 * {@link DesktopBridge}; methods added after `app.getInfo` are optional here, so renderer code checks
 * for them like for the bridge itself (the page cannot know what sits at `window.kcc`: it also checks
 * every reply) and partial stand-ins in tests stay valid.
 */
export interface AgentBridge {
  readonly app: Pick<DesktopBridge['app'], 'getInfo'> & Partial<Pick<DesktopBridge['app'], 'getConfig'>>
  readonly calls?: DesktopBridge['calls']
  readonly window?: DesktopBridge['window']
  readonly desktop?: DesktopBridge['desktop']
  readonly auth?: DesktopBridge['auth']
}
