import { spawn, spawnSync } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { freePort } from './sip-servers'

/**
 * Debian's rtpengine (package rtpengine-daemon) in the foreground on 127.0.0.1, userspace
 * forwarding only (`--table=-1`: no kernel module in a test), with a free control (ng) port and
 * its own RTP port range.
 */
/** Where rtpengine's media sockets face the carrier, and the agents (both loopback on Linux). */
export const TRUNK_MEDIA_IP = '127.0.0.1'
export const AGENTS_MEDIA_IP = '127.0.0.2'

export interface RunningRtpengine {
  /** For Kamailio's rtpengine_sock: `udp:127.0.0.1:<port>`. */
  control: string
  output(): string
  close(): Promise<void>
}

export function rtpengineBinary(): string {
  const which = spawnSync('which', ['rtpengine'], { encoding: 'utf8' })
  if (which.status !== 0 || !which.stdout.trim()) {
    throw new Error('rtpengine is not installed: apt-get install -y --no-install-recommends rtpengine-daemon')
  }
  return which.stdout.trim()
}

/** Sends the ng protocol's ping; resolves with whether a pong came back. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    const done = (ok: boolean): void => {
      clearTimeout(timer)
      socket.close()
      resolve(ok)
    }
    const timer = setTimeout(() => done(false), 300)
    socket.on('message', (message) => done(message.toString().includes('pong')))
    socket.on('error', () => done(false))
    socket.send('kcc1 d7:command4:pinge', port, '127.0.0.1')
  })
}

export async function startRtpengine(): Promise<RunningRtpengine> {
  const port = await freePort()
  // A range of its own per run (ports are even/odd pairs), away from the ephemeral ports.
  const base = 20_000 + 2 * Math.floor(Math.random() * 4000)
  const child = spawn(
    rtpengineBinary(),
    [
      // Not the package's /etc/rtpengine/rtpengine.conf: its fixed CLI and HTTP ports (2224, 2225)
      // would let only one rtpengine run on the machine at a time.
      '--config-file=none',
      '--foreground',
      '--table=-1',
      // Two logical interfaces as in production (deploy/rtpengine): the trunk's and the agents'.
      `--interface=trunk/${TRUNK_MEDIA_IP}`,
      `--interface=agents/${AGENTS_MEDIA_IP}`,
      `--listen-ng=127.0.0.1:${port}`,
      '--log-stderr',
      '--log-level=6',
      `--port-min=${base}`,
      `--port-max=${base + 199}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-50_000)
    if (process.env['KCC_SIP_DEBUG']) {
      process.stderr.write(chunk)
    }
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
  }
  const deadline = Date.now() + 15_000
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await close()
      throw new Error(`rtpengine did not answer on 127.0.0.1:${port}:\n${output}`)
    }
  }
  return { control: `udp:127.0.0.1:${port}`, output: () => output, close }
}
