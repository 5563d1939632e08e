/** What bench/soak.ts and its server child (bench/soak-server.ts) say to each other over IPC. */
export interface SoakServerSpec {
  dataDir: string
  providerToken: string
}

/** KCC agents added to the demo configuration, so several agents work at once. */
export const SOAK_EXTRA_AGENTS = 5

export const soakAgentLogin = (i: number): string => `soak${i + 1}`

/** Their password: they are copies of medewerker1 (config/kcc.demo.json). */
export const SOAK_AGENT_PASSWORD = 'welkom-medewerker1'

/** Event-loop delay over a window, in milliseconds (nearest recorded value, 10 ms resolution). */
export interface DelayStats {
  count: number
  p50: number
  p99: number
  max: number
}

export type SoakChildRequest = {
  type: 'sample'
  /** This sample ends a report row: the row's histogram starts afresh. */
  endRow: boolean
  /** The warm-up is over: the run's histogram starts afresh. */
  resetTotal: boolean
}

export type SoakChildReply =
  | { type: 'listening'; port: number }
  | {
      type: 'sample'
      /** Since the previous sample. */
      sample: DelayStats
      /** Since the previous row ended. */
      row: DelayStats
      /** Since the warm-up ended (or the start, during the warm-up). */
      total: DelayStats
      heapUsed: number
    }
