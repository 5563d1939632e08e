import '../klantcontact/klantcontact.css'
import type { AnswerField } from './answer-room'
import { KlantcontactOpenen } from './KlantcontactOpenen'
import { OpenedKlantcontact } from './OpenedKlantcontact'
import './opened.css'

export interface OpenedPanelProps {
  /** Where the gateway puts the answer (its `answerField` setting); inhoud by default, as the VNG case. */
  readonly answerField?: AnswerField
}

/**
 * The receiving side in the workspace: the klantcontact a transfer opened, or one
 * the agent opened by its nummer, with the answer form; and "Klantcontact openen" below it.
 */
export function OpenedPanel({ answerField = 'inhoud' }: OpenedPanelProps) {
  return (
    <div className="kc-panel op-panel">
      <OpenedKlantcontact answerField={answerField} />
      <KlantcontactOpenen />
    </div>
  )
}
