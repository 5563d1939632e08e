import { useAppStore } from '../store'

/**
 * A key that changes each time the agent has handled a colleague's klantcontact: its answer saved,
 * or the call it came with ended. Undefined until then. Mijn recente is fetched again then, so the
 * klantcontact is there when the agent looks.
 */
export function useHandledTransfer(): string | undefined {
  return useAppStore((s) => {
    const { opened } = s
    const call = s.workspace.phone.call
    if (opened.source !== 'transfer' || opened.status !== 'ready') {
      return undefined
    }
    if (opened.answer.status === 'saved') {
      return `answered:${opened.view?.uuid ?? ''}:${opened.view?.inhoud?.length ?? 0}`
    }
    return call !== null && call.state === 'ended' && call.id === opened.callId
      ? `ended:${call.id}`
      : undefined
  })
}
