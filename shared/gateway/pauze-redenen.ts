/**
 * The reasons an agent chooses from when going on Pauze when the gateway's configuration names
 * none (its `pauzeRedenen` setting, docs/gateway.md). The gateway applies them when it loads its
 * configuration; the app falls back on them for a gateway that does not send its own.
 */
export const DEFAULT_PAUZE_REDENEN: readonly string[] = ['Lunch', 'Overleg', 'Training', 'Overig']
