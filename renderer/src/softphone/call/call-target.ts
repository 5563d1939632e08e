import { UserAgent, type URI } from 'sip.js'

const TARGET = /^[A-Za-z0-9_.+-]{1,64}$/

/** Whether `target` is a number or extension the softphone can dial on our domain. */
export function isCallTarget(target: string): boolean {
  return TARGET.test(target)
}

/**
 * The SIP URI for what an agent dials: an extension, a group address user or a number on our
 * domain, or a full `sip:` URI. The same rule for a call, a consult call and a blind transfer, so
 * nothing the agent types reaches a Request-URI or a Refer-To unparsed. Throws a RangeError for
 * anything else.
 */
export function callTargetUri(target: string, domain: string): URI {
  const uri = target.startsWith('sip:')
    ? UserAgent.makeURI(target)
    : TARGET.test(target)
      ? UserAgent.makeURI(`sip:${target}@${domain}`)
      : undefined
  if (!uri) {
    throw new RangeError('not a number, extension or sip: URI')
  }
  return uri
}

/** What the snapshot shows for a dialled target: the URI's user part, else what was typed. */
export function targetLabel(uri: URI, target: string): string {
  return uri.user ?? target
}

/**
 * The user part of a directory address (`sip:vergunningen@kcc.test` → `vergunningen`), which is what
 * the agent dials on our domain; a plain value is kept.
 */
export function addressUser(address: string): string {
  return /^sips?:([^@]+)@/.exec(address)?.[1] ?? address
}
