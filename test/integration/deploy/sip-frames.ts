import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'

/**
 * A SIP REGISTER without credentials over a WebSocket trusting only `ca`: the embedded SIP server
 * answers it with a digest challenge (401), which shows SIP is spoken on that connection.
 */
export async function registerWithoutCredentials(
  url: string,
  options: { ca?: string; origin?: string; user: string; domain: string },
): Promise<string> {
  const socket = new WebSocket(url, 'sip', {
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.origin ? { origin: options.origin } : {}),
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`websocket refused: ${response.statusCode}`)),
    )
  })
  const id = randomBytes(6).toString('hex')
  const aor = `sip:${options.user}@${options.domain}`
  const register = [
    `REGISTER sip:${options.domain} SIP/2.0`,
    `Via: SIP/2.0/WSS ${id}.invalid;branch=z9hG4bK${id}`,
    'Max-Forwards: 70',
    `From: <${aor}>;tag=${id}`,
    `To: <${aor}>`,
    `Call-ID: ${id}`,
    'CSeq: 1 REGISTER',
    `Contact: <sip:${id}@${id}.invalid;transport=ws>`,
    'Expires: 60',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n')
  const answer = new Promise<string>((resolve) =>
    socket.once('message', (data: Buffer) => resolve(data.toString())),
  )
  socket.send(register)
  try {
    return await answer
  } finally {
    socket.close()
  }
}
