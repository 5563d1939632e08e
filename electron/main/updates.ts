import type { AppUpdater } from 'electron-updater'
import type { Logger } from './log'

/**
 * Automatic updates with electron-updater from a "generic" feed: a folder on a web server (the
 * municipality's own, or an internal share published over HTTPS) holding latest.yml and the
 * installer electron-builder wrote (docs/desktop.md, "Updates"). No update server on the internet:
 * the municipality decides which version its agents run.
 *
 * Updates are off when the policy says so (DisableUpdates), when no feed is configured, and in a
 * development run (not packaged: there is no installer to replace). An update is downloaded in the
 * background and installed when the app quits, never in the middle of a call.
 */

export type Updater = Pick<
  AppUpdater,
  'setFeedURL' | 'checkForUpdates' | 'on' | 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade'
>

export interface UpdateOptions {
  /** Loaded only when updates run: a development run never touches electron-updater. */
  readonly loadUpdater: () => Promise<Updater>
  readonly isPackaged: boolean
  readonly updateUrl: string | undefined
  readonly disabledByPolicy: boolean
  readonly log: Logger
}

export type UpdateDecision = 'disabled-by-policy' | 'no-feed' | 'not-packaged' | 'insecure-feed' | 'enabled'

/** Whether updates run, and why not: pure, so each reason is tested. */
export function updateDecision(options: Omit<UpdateOptions, 'loadUpdater' | 'log'>): UpdateDecision {
  if (options.disabledByPolicy) {
    return 'disabled-by-policy'
  }
  if (options.updateUrl === undefined) {
    return 'no-feed'
  }
  if (!options.isPackaged) {
    return 'not-packaged'
  }
  // The installer runs with the agent's rights or as administrator: it must come over TLS
  // (electron-updater also checks the Windows signature against the running app's publisher).
  return /^https:\/\/[^\s]+$/.test(options.updateUrl) ? 'enabled' : 'insecure-feed'
}

export async function startUpdates(options: UpdateOptions): Promise<UpdateDecision> {
  const decision = updateDecision(options)
  const { log } = options
  if (decision !== 'enabled' || options.updateUrl === undefined) {
    log.info('updates off', { reason: decision })
    return decision
  }
  const updater = await options.loadUpdater()
  updater.setFeedURL({ provider: 'generic', url: options.updateUrl })
  updater.autoDownload = true
  updater.autoInstallOnAppQuit = true
  // Never go back to an older version from the feed: a rollback is a new version with the old code.
  updater.allowDowngrade = false
  updater.on('update-downloaded', (info) => {
    log.info('update downloaded, installed at quit', { version: info.version })
  })
  updater.on('error', (error) => {
    log.warn('update failed', { error })
  })
  try {
    await updater.checkForUpdates()
  } catch (error) {
    // An unreachable feed is not a reason to stop the agent's work.
    log.warn('update check failed', { error })
  }
  return decision
}
