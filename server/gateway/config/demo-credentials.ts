/**
 * The passwords the demo configuration (config/kcc.demo.json) ships with. They are public, so a
 * gateway outside demo mode refuses to start while any agent still uses one of them.
 */
export const DEMO_LOGIN_PASSWORDS: readonly string[] = [
  'welkom-medewerker1',
  'welkom-medewerker2',
  'welkom-medewerker3',
  'welkom-supervisor',
]
