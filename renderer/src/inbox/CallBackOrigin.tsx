import type { MainCase } from '../case/main-case'

/** Beside a call-back's klantcontact: the original klantcontact and contactverzoek it follows up. */
export function CallBackOrigin(_props: { readonly main: MainCase }) {
  return null
}
