import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, REPO } from './sip-servers'
import type { TestCa } from './test-ca'

/**
 * Debian's nginx (/usr/sbin/nginx) with the shipped site, deploy/nginx/kcc.conf, as a child of the
 * test: its own prefix in a temporary directory, `daemon off`, on 127.0.0.1 only. The site file is
 * used as shipped except for what a municipality replaces too (ports, certificate, upstream), each
 * replacement checked to have matched, so a changed site file cannot slip past the test.
 */
export const NGINX = '/usr/sbin/nginx'
export const SITE_CONF = join(REPO, 'deploy/nginx/kcc.conf')

export interface SiteSettings {
  httpsPort: number
  httpPort: number
  /** The gateway's `host:port`. */
  upstream: string
  /** The SIP WebSocket's `host:port` (Kamailio's listener); default `upstream` (the embedded one). */
  sipUpstream?: string
  certFile: string
  keyFile: string
}

/** deploy/nginx/kcc.conf with a deployment's own values, as an IT admin edits it. */
export function siteFor(settings: SiteSettings, source = readFileSync(SITE_CONF, 'utf8')): string {
  const replacements: Array<[RegExp, string]> = [
    [/^\s*listen 443 ssl http2;$/m, `    listen 127.0.0.1:${settings.httpsPort} ssl http2;`],
    [/^\s*listen 80;$/m, `    listen 127.0.0.1:${settings.httpPort};`],
    // No IPv6 listener in the test: 127.0.0.1 only.
    [/^\s*listen \[::\]:443 ssl http2;\n/m, ''],
    [/^\s*listen \[::\]:80;\n/m, ''],
    [/(upstream kcc_gateway \{\n\s*server) 127\.0\.0\.1:8480;/, `$1 ${settings.upstream};`],
    [
      /(upstream kcc_sip \{\n\s*server) 127\.0\.0\.1:8480;/,
      `$1 ${settings.sipUpstream ?? settings.upstream};`,
    ],
    [/^(\s*ssl_certificate)\s+\/etc\/ssl\/kcc\/fullchain\.pem;$/m, `$1 ${settings.certFile};`],
    [/^(\s*ssl_certificate_key)\s+\/etc\/ssl\/kcc\/privkey\.pem;$/m, `$1 ${settings.keyFile};`],
  ]
  return replacements.reduce((text, [pattern, replacement]) => {
    if (!pattern.test(text)) {
      throw new Error(`${SITE_CONF} no longer has a line matching ${pattern}`)
    }
    return text.replace(pattern, replacement)
  }, source)
}

export interface RunningNginx {
  /** e.g. https://127.0.0.1:41234 */
  url: string
  /** The plain-HTTP listener, e.g. http://127.0.0.1:41235 */
  httpUrl: string
  /** The configuration nginx runs with (nginx.conf including the site). */
  confFile: string
  /** What nginx wrote to stderr (its error log). */
  output(): string
  close(): Promise<void>
}

/**
 * The main configuration a test prefix needs around the site: a pid file, temp paths and an error
 * log of its own, as Debian's /etc/nginx/nginx.conf would provide them.
 */
function mainConf(prefix: string, site: string): string {
  return [
    // As root (CI) the workers would otherwise run as nobody, who may not enter the prefix.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'worker_processes 1;',
    `pid ${join(prefix, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 256; }',
    'http {',
    '    access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (kind) => `    ${kind}_temp_path ${join(prefix, 'temp', kind)};`,
    ),
    `    include ${site};`,
    '}',
    '',
  ].join('\n')
}

/** Writes the prefix and checks it as `nginx -t` would; answers the conf file. */
export function prepareNginx(prefix: string, settings: SiteSettings): string {
  mkdirSync(join(prefix, 'temp'), { recursive: true })
  mkdirSync(join(prefix, 'logs'), { recursive: true })
  chmodSync(prefix, 0o755)
  const site = join(prefix, 'kcc.conf')
  writeFileSync(site, siteFor(settings))
  const confFile = join(prefix, 'nginx.conf')
  writeFileSync(confFile, mainConf(prefix, site))
  return confFile
}

/** `nginx -t` on the prefix: exit status and its output. */
export function testNginxConf(prefix: string, confFile: string): { status: number | null; output: string } {
  const result = spawnSync(NGINX, ['-t', '-p', prefix, '-c', confFile, '-e', 'stderr'], { encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

/**
 * nginx in front of `upstream` (the gateway's `host:port`). `httpsPort`: a port chosen beforehand, as
 * the gateway must know the public origin (its `sip.websocketUrl`) before nginx can know its port.
 */
export async function startNginx(options: {
  upstream: string
  sipUpstream?: string
  ca: TestCa
  httpsPort?: number
}): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'kcc-nginx-'))
  const [httpsPort, httpPort] = [options.httpsPort ?? (await freePort()), await freePort()]
  let child: ChildProcess | undefined
  let output = ''
  try {
    const confFile = prepareNginx(prefix, {
      httpsPort,
      httpPort,
      upstream: options.upstream,
      ...(options.sipUpstream ? { sipUpstream: options.sipUpstream } : {}),
      certFile: options.ca.certFile,
      keyFile: options.ca.keyFile,
    })
    child = spawn(NGINX, ['-p', prefix, '-c', confFile, '-e', 'stderr', '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (data: Buffer) => (output += data.toString()))
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()))
    await waitForListener(httpsPort, child, () => output)
    const running = child
    return {
      url: `https://127.0.0.1:${httpsPort}`,
      httpUrl: `http://127.0.0.1:${httpPort}`,
      confFile,
      output: () => output,
      async close() {
        if (running.exitCode === null) {
          const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
          // SIGTERM: nginx's fast shutdown; it ends its workers itself.
          running.kill('SIGTERM')
          await exited
        }
        rmSync(prefix, { recursive: true, force: true })
      },
    }
  } catch (error) {
    child?.kill('SIGKILL')
    rmSync(prefix, { recursive: true, force: true })
    throw error
  }
}

async function waitForListener(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) {
      throw new Error(`nginx exited with ${child.exitCode}:\n${output()}`)
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port}:\n${output()}`)
}
