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

export const DEMO_SIP_PASSWORDS: readonly string[] = [
  'sip-demo-1001',
  'sip-demo-1002',
  'sip-demo-1003',
  'sip-demo-1900',
]
