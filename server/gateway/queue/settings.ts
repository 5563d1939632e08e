import type { AfdelingConfig } from '../config/types'

/** One afdeling's queue settings with every default filled in (docs/queue.md lists them). */
export interface QueueSettings {
  ringSeconds: number
  maxWaitSeconds: number
  overflowTo: string | undefined
  noAnswerState: 'pauze' | 'beschikbaar'
  serviceLevelSeconds: number
  terugbelverzoekAfterSeconds: number
}

export const QUEUE_DEFAULTS: Omit<QueueSettings, 'overflowTo'> = {
  ringSeconds: 15,
  maxWaitSeconds: 300,
  // An agent who lets a call ring out is probably not at the desk: offering them the next caller
  // would only make that caller wait another ring time.
  noAnswerState: 'pauze',
  serviceLevelSeconds: 20,
  terugbelverzoekAfterSeconds: 30,
}

export function queueSettingsOf(afdeling: Pick<AfdelingConfig, 'queue'>): QueueSettings {
  const q = afdeling.queue ?? {}
  return {
    ringSeconds: q.ringSeconds ?? QUEUE_DEFAULTS.ringSeconds,
    maxWaitSeconds: q.maxWaitSeconds ?? QUEUE_DEFAULTS.maxWaitSeconds,
    overflowTo: q.overflowTo,
    noAnswerState: q.noAnswerState ?? QUEUE_DEFAULTS.noAnswerState,
    serviceLevelSeconds: q.serviceLevelSeconds ?? QUEUE_DEFAULTS.serviceLevelSeconds,
    terugbelverzoekAfterSeconds: q.terugbelverzoekAfterSeconds ?? QUEUE_DEFAULTS.terugbelverzoekAfterSeconds,
  }
}
