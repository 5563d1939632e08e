import { TransferPanel } from '../transfer'
import { SoftphonePanel } from './SoftphonePanel'

/**
 * The softphone as a compact strip that stays in view above the case, whatever the call does.
 * (Placeholder: still the old panels; the strip replaces them.)
 */
export function PhoneStrip() {
  return (
    <>
      <SoftphonePanel />
      <TransferPanel />
    </>
  )
}
