import { KLANTCONTACT_LIMITS } from '../api/klantinteracties-limits'
import { codePoints } from '../text/code-points'

/**
 * How the agent adds to a klantcontact they saved ("aanvullen"): what they learn later in the same
 * call goes under what is there, after a blank line, in inhoud; nothing is replaced. The gateway
 * builds the new text with it (server/gateway/register-client/answer.ts), the app shows how much
 * room is left with it, so both count alike: code points, as the register counts, within inhoud's
 * OAS limit (1000).
 *
 * Unlike a colleague's answer (answer.ts) there is no `Antwoord: ` label: it is the same agent's
 * text going on.
 */
export const AANVULLING_MAX = KLANTCONTACT_LIMITS.inhoud

const SEPARATOR = '\n\n'

/** inhoud with the aanvulling after a blank line, or the aanvulling alone when inhoud was empty. */
export function withAanvulling(current: string | null | undefined, aanvulling: string): string {
  const text = current ?? ''
  return text === '' ? aanvulling : `${text}${SEPARATOR}${aanvulling}`
}

/** inhoud already ends with it: a retry whose first attempt was written but not acknowledged. */
export function endsWithAanvulling(current: string | null | undefined, aanvulling: string): boolean {
  const text = current ?? ''
  return text === aanvulling || text.endsWith(`${SEPARATOR}${aanvulling}`)
}

/** How many characters the aanvulling may still grow by; negative by as many as it is too long. */
export function aanvullingRoom(
  current: string | null | undefined,
  aanvulling: string,
): { readonly max: number; readonly remaining: number } {
  return { max: AANVULLING_MAX, remaining: AANVULLING_MAX - codePoints(withAanvulling(current, aanvulling)) }
}
