import {
  Inviter,
  Registerer,
  SessionState,
  SIPExtension,
  UserAgent,
  type Invitation,
  type Session,
  type SessionDescriptionHandler,
} from 'sip.js'
import WebSocket from 'ws'

/**
 * sip.js 0.21 (what the agents' softphones run) in Node: WebSocket from `ws`, and a session
 * description handler that hands out a fixed SDP instead of WebRTC. Enough to drive real sip.js
 * signalling (digest, dialogs, hold, REFER with Replaces) against our SIP servers.
 */
const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 9 RTP/AVP 0',
  'a=sendrecv',
  '',
].join('\r\n')

/** A session description handler with a fixed SDP: real signalling, no WebRTC (Node tests). */
export const fakeMedia = (): SessionDescriptionHandler => ({
  close: () => undefined,
  getDescription: async () => ({ body: SDP, contentType: 'application/sdp' }),
  hasDescription: () => true,
  setDescription: async () => undefined,
  sendDtmf: () => true,
})

let installed = false
function installWebSocket(): void {
  if (!installed) {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket
    installed = true
  }
}

export interface SipJsAgent {
  ua: UserAgent
  /** Invitations received, in order; each is accepted at once. */
  invitations: Invitation[]
  /** Resolves when the ACK of our 200 to `invitation` has arrived (before that, no re-INVITE). */
  acked(invitation: Invitation): Promise<void>
  nextInvitation(timeoutMs?: number): Promise<Invitation>
  register(): Promise<void>
  stop(): Promise<void>
}

export async function sipJsAgent(options: {
  url: string
  domain: string
  user: string
  /** The digest username (an agent's ephemeral `<expiry>:<extension>`); default `user`. */
  authUser?: string
  password?: string
}): Promise<SipJsAgent> {
  installWebSocket()
  const invitations: Invitation[] = []
  const waiting: Array<(i: Invitation) => void> = []
  const acks = new WeakMap<Invitation, Promise<void>>()
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${options.user}@${options.domain}`),
    authorizationUsername: options.password === undefined ? undefined : (options.authUser ?? options.user),
    authorizationPassword: options.password,
    transportOptions: { server: options.url },
    sipExtensionReplaces: SIPExtension.Supported,
    logLevel: 'error',
    sessionDescriptionHandlerFactory: fakeMedia,
    delegate: {
      onInvite: (invitation) => {
        acks.set(
          invitation,
          new Promise<void>((resolve) => {
            invitation.delegate = { onAck: () => resolve() }
          }),
        )
        void invitation.accept()
        const waiter = waiting.shift()
        if (waiter) {
          waiter(invitation)
        } else {
          invitations.push(invitation)
        }
      },
    },
  })
  await ua.start()
  const registerer = new Registerer(ua, { expires: 600 })
  return {
    ua,
    invitations,
    acked: (invitation) => acks.get(invitation) ?? Promise.reject(new Error('not our invitation')),
    nextInvitation: (timeoutMs = 5000) => {
      const queued = invitations.shift()
      if (queued) {
        return Promise.resolve(queued)
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${options.user}: no invitation`)), timeoutMs)
        waiting.push((i) => {
          clearTimeout(timer)
          resolve(i)
        })
      })
    },
    register: () =>
      new Promise<void>((resolve, reject) => {
        void registerer.register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(`REGISTER ${options.user}: ${r.message.statusCode}`)),
          },
        })
      }),
    stop: () => ua.stop(),
  }
}

export function established(session: Session, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (session.state === SessionState.Established) {
      resolve()
      return
    }
    const timer = setTimeout(() => reject(new Error(`session not established: ${session.state}`)), timeoutMs)
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
}

export function terminated(session: Session, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (session.state === SessionState.Terminated) {
      resolve()
      return
    }
    const timer = setTimeout(() => reject(new Error(`session not terminated: ${session.state}`)), timeoutMs)
    session.stateChange.addListener((state) => {
      if (state === SessionState.Terminated) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
}

export async function call(agent: SipJsAgent, target: string, extraHeaders: string[] = []): Promise<Inviter> {
  const inviter = new Inviter(agent.ua, UserAgent.makeURI(target)!, { extraHeaders })
  await inviter.invite()
  await established(inviter)
  return inviter
}
