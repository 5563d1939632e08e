import type { AgentView } from '../../../shared/gateway/api'
import type { MainCase } from './main-case'

/**
 * At the end of a case: how it ended (shared/klantcontact/afhandeling.ts), recorded through the
 * gateway's `PUT /api/klantcontacten/:nummer/afhandeling`.
 */
export function AfhandelingControl(_props: { readonly main: MainCase; readonly agent: AgentView }) {
  return null
}
