import { newDraft, type KlantcontactDraft } from '../../../renderer/src/klantcontact/draft'

export const AGENT = 'medewerker1'
export const RING = Date.parse('2026-03-02T09:15:00.000Z')

/** A call's draft as the screen pop makes it, with `changes` on top. */
export function draftWith(changes: Partial<KlantcontactDraft> = {}): KlantcontactDraft {
  return {
    ...newDraft({
      id: '0b6a3c9e-8f1d-4c2a-9d3e-1f2a3b4c5d6e',
      agentLogin: AGENT,
      at: RING,
      callId: 'call-1',
      callerNumber: '0612345678',
    }),
    ...changes,
  }
}
