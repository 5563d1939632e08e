import type { AfdelingConfig } from '../config/types'
import { queueSettingsOf, type QueueSettings } from './settings'

/** The afdelingen's queues by id and by group address, with their settings. */
export class AfdelingQueues {
  private readonly settings = new Map<string, QueueSettings>()
  private readonly byGroup = new Map<string, string>()

  constructor(afdelingen: readonly AfdelingConfig[]) {
    for (const afdeling of afdelingen) {
      this.settings.set(afdeling.id, queueSettingsOf(afdeling))
      this.byGroup.set(afdeling.groupAddress, afdeling.id)
    }
  }

  /** The afdeling whose group address `group` is. */
  byGroupAddress(group: string): string | undefined {
    return this.byGroup.get(group)
  }

  settingsOf(afdeling: string): QueueSettings {
    const settings = this.settings.get(afdeling)
    if (!settings) {
      throw new Error(`no queue for afdeling ${afdeling}`)
    }
    return settings
  }
}
