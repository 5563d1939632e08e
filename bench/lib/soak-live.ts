import WebSocket from 'ws'
import type { ClientMessage, ServerMessage } from '../../shared/live/protocol'

/** One live socket past auth and snapshot; errors and unexpected closes are counted. */
export class LiveSocket {
  token = ''
  private ws: WebSocket | undefined

  constructor(
    private readonly url: string,
    private readonly name: string,
    private readonly fail: (kind: string, detail: string) => void,
    private readonly stopping: () => boolean,
    private readonly onEvent?: () => void,
  ) {}

  async open(token: string): Promise<void> {
    this.token = token
    const ws = new WebSocket(this.url)
    this.ws = ws
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    let ready!: () => void
    const snapshot = new Promise<void>((resolve) => (ready = resolve))
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage
      if (message.type === 'welcome') {
        this.send({ type: 'snapshot' })
      } else if (message.type === 'snapshot') {
        ready()
      } else if (message.type === 'event') {
        this.onEvent?.()
      } else if (message.type === 'error') {
        this.fail(`live socket: ${message.code}`, `${this.name}: ${message.message}`)
      }
    })
    ws.on('close', (code) => {
      if (!this.stopping()) {
        this.fail(`live socket: closed ${code}`, this.name)
      }
    })
    ws.on('error', (error) => this.fail('live socket: error', `${this.name}: ${String(error)}`))
    this.send({ type: 'auth', token })
    await snapshot
  }

  send(message: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(message))
    } else {
      this.fail('live socket: not open', this.name)
    }
  }

  close(): void {
    this.ws?.close()
  }
}
