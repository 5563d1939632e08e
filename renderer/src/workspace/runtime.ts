import type { AgentView, SoftphoneAccountView } from '../../../shared/gateway/api'
import type { AgentBridge } from '../../../shared/bridge'
import type { GatewayApi } from '../api/gateway-client'
import { KlantcontactOutbox, startScreenPop } from '../klantcontact'
import { startTransferReceiver } from '../incoming-transfer'
import { startFocusAfterEvents } from '../keyboard/focus-after-events'
import { LiveConnection } from '../live/live-connection'
import { createLogger } from '../log'
import type { Services } from '../services/context'
import { CredentialRenewal, type ExpiringCredentials } from '../softphone/credential-renewal'
import { Softphone } from '../softphone/softphone'
import { startMissedCalls } from '../missed-calls/missed-call-recorder'
import { MIJN_RECENTE } from '../search/search-query'
import { MonitorService } from '../supervisor/monitor-service'
import { TransferService } from '../transfer/transfer-service'
import type { useAppStore } from '../store'
import type { Availability } from './agent-state'
import { startCallContext } from './call-context'
import { CallCoordinator } from './call-coordinator'
import { startMonitoredCall } from './monitored-call'
import { softphoneTrust } from './softphone-trust'
import { INITIAL_PHONE } from './workspace-slice'

type Store = typeof useAppStore

const expiringCredentials = (account: SoftphoneAccountView): ExpiringCredentials => ({
  authorizationUsername: account.authorizationUsername,
  password: account.password,
  expiresAt: Date.parse(account.credentialsExpireAt),
})

const log = createLogger('workspace')

/**
 * Everything that runs while an agent is logged in: the softphone (with the SIP account the
 * gateway hands out), the live connection, the call coordinator with what follows its call events
 * (the screen pop, the transfer receiver) and the klantcontact outbox. Started after login, stopped at logout; one per window.
 */
export class WorkspaceRuntime {
  readonly services: Services
  private readonly live: LiveConnection
  private readonly coordinator: CallCoordinator
  private readonly outbox: KlantcontactOutbox
  private readonly cleanups: Array<() => void> = []

  static async start(options: {
    gatewayUrl: string
    api: GatewayApi
    agent: AgentView
    store: Store
    token: () => string | undefined
    onUnauthenticated: () => void
    bridge?: AgentBridge
  }): Promise<WorkspaceRuntime> {
    const account = await options.api.softphoneAccount()
    // The credentials are ephemeral (docs/telephony.md): new ones come before these expire, and at
    // once when the registrar refuses the current ones. Neither happens before start(), so each may
    // name the other.
    const renewal: CredentialRenewal = new CredentialRenewal({
      initial: expiringCredentials(account),
      fetch: async () => expiringCredentials(await options.api.softphoneAccount()),
      apply: (credentials) => softphone.setCredentials(credentials),
      log,
    })
    const softphone = new Softphone({
      websocketUrl: account.websocketUrl,
      domain: account.domain,
      extension: account.extension,
      authorizationUsername: account.authorizationUsername,
      password: account.password,
      displayName: account.displayName,
      // An older gateway says nothing: the softphone's default ring time then.
      ...(account.consultRingSeconds === undefined
        ? {}
        : { transferTimeouts: { consultRingMs: account.consultRingSeconds * 1_000 } }),
      // Never sip.js' public STUN default, which would tell a third party of every call: none until
      // the municipality runs its own.
      iceServers: [],
      renewCredentials: () => renewal.renewNow(),
      ...softphoneTrust(options.store, options.api, log),
    })
    return new WorkspaceRuntime(options, softphone, renewal)
  }

  private constructor(
    private readonly options: Parameters<typeof WorkspaceRuntime.start>[0],
    softphone: Softphone,
    renewal: CredentialRenewal,
  ) {
    const { store, api, agent } = options
    renewal.start()
    this.cleanups.push(() => renewal.stop())
    this.services = {
      api,
      softphone,
      transfers: new TransferService({
        store,
        api,
        softphone,
        agentLogin: agent.login,
        refreshDirectory: () => this.refreshDirectory(),
      }),
      monitoring: new MonitorService({ store, api, monitoring: softphone.monitoring }),
    }
    this.cleanups.push(this.services.transfers.follow())
    this.cleanups.push(this.services.monitoring.follow())
    this.cleanups.push(
      startMonitoredCall({ store, monitoring: softphone.monitoring, agentLogin: agent.login }),
    )
    this.live = new LiveConnection({
      gatewayUrl: options.gatewayUrl,
      token: options.token,
      onChange: (view) => store.getState().workspace.setLive(view),
      onUnauthenticated: options.onUnauthenticated,
      onOwnStateSet: (state) => this.coordinator.followGateway(state),
    })
    this.coordinator = new CallCoordinator({
      store,
      live: this.live,
      agentLogin: agent.login,
      afdeling: agent.afdeling.id,
      ...(options.bridge ? { bridge: options.bridge } : {}),
    })
    this.outbox = new KlantcontactOutbox({ store, api, agentLogin: agent.login })
    const { events } = this.coordinator
    this.cleanups.push(startScreenPop({ events, store, api, agentLogin: agent.login }))
    this.cleanups.push(startMissedCalls({ events, store }))
    this.cleanups.push(startTransferReceiver({ events, store, api }))
    this.cleanups.push(startFocusAfterEvents({ events, store }))
    this.cleanups.push(this.coordinator.follow())
    this.cleanups.push(softphone.subscribe((snapshot) => this.coordinator.onSnapshot(snapshot)))
    this.cleanups.push(startCallContext({ store, live: this.live, agentLogin: agent.login }))
    // A klantcontact that just got saved belongs in the recent list at once. Most store changes
    // (softphone snapshots, live events) leave the drafts object alone and cost one comparison.
    this.cleanups.push(
      store.subscribe((state, previous) => {
        const drafts = state.klantcontact.drafts
        const before = previous.klantcontact.drafts
        if (
          drafts !== before &&
          Object.values(drafts).some((d) => d.status === 'saved' && before[d.id]?.status !== 'saved')
        ) {
          this.refreshRecent()
        }
      }),
    )
    this.outbox.start()
    this.live.start()
    this.coordinator.publishState()
    void softphone.start()
    this.refreshRecent()
    this.refreshDirectory()
  }

  choose(availability: Availability): void {
    this.coordinator.choose(availability)
  }

  refreshRecent(): void {
    const { store, api } = this.options
    store.getState().workspace.setRecent({ status: 'loading' })
    api
      .searchKlantcontacten(MIJN_RECENTE)
      .then((recent) => store.getState().workspace.setRecent({ status: 'ready', value: recent }))
      .catch((error: unknown) => {
        log.warn({ error: String(error) }, 'recent contacts failed')
        store.getState().workspace.setRecent({ status: 'failed', error: String(error) })
      })
  }

  refreshDirectory(): void {
    const { store, api } = this.options
    api
      .directory()
      .then((directory) => store.getState().workspace.setDirectory({ status: 'ready', value: directory }))
      .catch((error: unknown) => {
        log.warn({ error: String(error) }, 'directory failed')
        store.getState().workspace.setDirectory({ status: 'failed', error: String(error) })
      })
  }

  async stop(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) {
      cleanup()
    }
    this.outbox.stop()
    this.live.stop()
    await this.services.softphone.stop()
    this.options.store.getState().workspace.setPhone(INITIAL_PHONE)
    // Saved drafts are done; unsaved ones stay (durably) for this agent's next login.
    this.options.store.getState().klantcontact.clearSaved(this.options.agent.login)
  }
}
