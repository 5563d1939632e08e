import { DEFAULT_PAUZE_REDENEN } from '../../../shared/gateway/pauze-redenen'
import type { GatewayConfig } from '../config/types'

/**
 * The configured rules for an agent's time away from calls: the reasons Pauze may carry (the
 * supervisor sees them) and how long Nawerk lasts per afdeling before the gateway ends it
 * (nawerk-limit.ts). The live hub applies them to the agent's own state changes (commands.ts).
 */
export interface AgentTimeRules {
  readonly pauzeRedenen: readonly string[]
  /** Seconds of Nawerk the afdeling allows; undefined: no limit. */
  nawerkSeconds(afdeling: string): number | undefined
}

/** No limit and the default reasons: a hub without configuration (unit tests, tools). */
export const DEFAULT_AGENT_TIME_RULES: AgentTimeRules = {
  pauzeRedenen: DEFAULT_PAUZE_REDENEN,
  nawerkSeconds: () => undefined,
}

export function pauzeRedenenOf(config: Pick<GatewayConfig, 'pauzeRedenen'>): readonly string[] {
  return config.pauzeRedenen ?? DEFAULT_PAUZE_REDENEN
}

export function agentTimeRules(config: Pick<GatewayConfig, 'pauzeRedenen' | 'afdelingen'>): AgentTimeRules {
  const limits = new Map(config.afdelingen.map((a) => [a.id, a.nawerkSeconds ?? undefined]))
  return {
    pauzeRedenen: pauzeRedenenOf(config),
    nawerkSeconds: (afdeling) => limits.get(afdeling),
  }
}
