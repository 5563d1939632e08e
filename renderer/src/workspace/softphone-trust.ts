import type { DirectoryView } from '../../../shared/gateway/api'
import type { GatewayApi } from '../api/gateway-client'
import type { Logger } from '../log'
import { addressUser } from '../softphone/call/call-target'
import type { ReferDirectory } from '../softphone/transfer/incoming-refer'
import type { SoftphoneOptions } from '../softphone/softphone'
import type { useAppStore } from '../store'
import type { Loadable } from './workspace-slice'

type Store = typeof useAppStore

/**
 * What the softphone needs from the workspace to decide on an incoming REFER
 * (softphone/transfer/incoming-refer.ts): the agent directory the app already loads (`GET /api/directory`),
 * read at the moment a REFER arrives, and the gateway to report a refused one to, which writes it to
 * the audit log as a security event.
 */
export function softphoneTrust(
  store: Store,
  api: Pick<GatewayApi, 'reportSecurityEvent'>,
  log: Logger,
): Pick<SoftphoneOptions, 'referDirectory' | 'onSecurityEvent'> {
  return {
    referDirectory: () => referDirectoryOf(store.getState().workspace.directory),
    onSecurityEvent: (event) => {
      api
        .reportSecurityEvent(event)
        .catch((error: unknown) => log.warn({ error: String(error) }, 'security event not reported'))
    },
  }
}

/** The directory by SIP user part; undefined until it is loaded (then every REFER is refused). */
export function referDirectoryOf(directory: Loadable<DirectoryView>): ReferDirectory | undefined {
  if (directory.status !== 'ready') {
    return undefined
  }
  const colleagues = new Set(directory.value.medewerkers.map((m) => m.extension))
  const groups = new Set(directory.value.afdelingen.map((a) => addressUser(a.groupAddress)))
  return {
    isColleague: (user) => colleagues.has(user),
    isTarget: (user) => colleagues.has(user) || groups.has(user),
  }
}
