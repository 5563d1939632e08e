// Debian packages the browser and telephony tests need. `npm test` installs the missing ones when it
// runs as root (CI and these machines); otherwise it stops with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process'

export const REQUIRED_PACKAGES = [
  'chromium',
  'kamailio',
  'kamailio-websocket-modules',
  // evapi and jansson: Kamailio holds a queued call and asks the gateway where it goes.
  'kamailio-extra-modules',
  'kamailio-json-modules',
  'kamailio-utils-modules',
  // The phone network in tests: media bridging, a citizen's phone (baresip), load (SIPp), prompts.
  'rtpengine-daemon',
  'baresip-core',
  'sip-tester',
  'espeak-ng',
  'sox',
  // Ephemeral SIP credentials the gateway issues (Kamailio's autheph), and the reverse proxy of
  // docs/deployment.md with its TLS test.
  'kamailio-autheph-modules',
  'nginx',
]

function installed(name) {
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' })
  return status.status === 0 && status.stdout.includes('install ok installed')
}

export function ensureSystemPackages(log) {
  const missing = REQUIRED_PACKAGES.filter((p) => !installed(p))
  if (missing.length === 0) {
    return
  }
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(' ')}`
  if (process.getuid?.() !== 0) {
    log(
      `missing Debian packages: ${missing.join(', ')}. Install them as root with:\n  sudo sh -c '${command}'`,
    )
    process.exit(1)
  }
  log(`installing Debian packages: ${missing.join(', ')}`)
  execFileSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}
