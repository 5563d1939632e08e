/** Installs the app-wide shortcuts (keyboard/shortcuts.ts) while the workspace is shown. (Placeholder.) */
export function useShortcuts(): void {}
