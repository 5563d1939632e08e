import type { Session } from 'electron'
import type { Logger } from './log'

/**
 * Permission policy (Electron security checklist #5). Without a handler Electron grants every
 * permission request, so this is default-deny with an explicit table: one line per permission
 * we allow, with the reason. Everything not in the table is denied, and every decision is logged.
 */

export interface PermissionDecision {
  readonly allowed: boolean
  readonly reason: string
}

/** What a rule gets to see: the media types asked for (request) or checked (check handler). */
export interface PermissionContext {
  readonly mediaTypes: readonly string[]
}

type PermissionRule = (context: PermissionContext) => PermissionDecision

const allow = (reason: string): PermissionDecision => ({ allowed: true, reason })
const deny = (reason: string): PermissionDecision => ({ allowed: false, reason })

export const permissionTable: Readonly<Record<string, PermissionRule>> = {
  // The softphone needs the microphone. Never the camera: a media request that includes video,
  // or does not say what it wants, is denied as a whole.
  media: ({ mediaTypes }) =>
    mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio')
      ? allow('microphone for the softphone')
      : deny('only audio-only media is allowed'),
  // Incoming-call toasts.
  notifications: () => allow('incoming-call notifications'),
}

/**
 * Decides one request or check. `isTrustedUrl` says whether the requesting document is our
 * renderer; a foreign document (an injected frame, a navigation we failed to stop) gets nothing.
 */
export function decidePermission(
  permission: string,
  requestingUrl: string | undefined,
  context: PermissionContext,
  isTrustedUrl: (url: string) => boolean,
): PermissionDecision {
  const rule = Object.hasOwn(permissionTable, permission) ? permissionTable[permission] : undefined
  if (rule === undefined) {
    return deny('not in the permission table')
  }
  if (requestingUrl === undefined || !isTrustedUrl(requestingUrl)) {
    return deny('requesting document is not our renderer')
  }
  return rule(context)
}

export function installPermissionHandlers(
  session: Session,
  isTrustedUrl: (url: string) => boolean,
  log: Logger,
): void {
  const record = (kind: 'request' | 'check', permission: string, decision: PermissionDecision): boolean => {
    // Log the decision, not the requesting URL: a URL may carry query data we do not want in logs.
    log.info('permission decision', { kind, permission, allowed: decision.allowed, reason: decision.reason })
    return decision.allowed
  }

  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
    callback(
      record(
        'request',
        permission,
        decidePermission(permission, details.requestingUrl, { mediaTypes }, isTrustedUrl),
      ),
    )
  })

  // Checks are the synchronous half (navigator.permissions.query, device labels). Electron's docs:
  // implement both handlers "to get complete permission handling"; same table, same logging.
  session.setPermissionCheckHandler((_webContents, permission, _requestingOrigin, details) => {
    const mediaTypes = details.mediaType === undefined ? [] : [details.mediaType]
    return record(
      'check',
      permission,
      decidePermission(permission, details.requestingUrl, { mediaTypes }, isTrustedUrl),
    )
  })
}
