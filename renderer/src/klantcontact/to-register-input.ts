import type { RegisterKlantcontactInput } from '../../../shared/gateway/api'
import type { KlantcontactDraft } from './draft'
import { splitNaamKlant } from './naam-klant'

/**
 * The `POST /api/klantcontacten` body for a valid draft (validate.ts). The gateway adds what the
 * register needs beyond it (server/gateway/register-client/maak-klantcontact.ts): the betrokkene
 * with rol klant and initiator true, its contactnaam, the link to the partij, the referentienummer,
 * the nummer and the agent's actor.
 *
 * - contactnaam always, empty when no name was typed: the caller is always there, so the gateway
 *   always makes the betrokkene with rol klant and initiator; partijUuid only when the
 *   agent accepted a suggestion;
 * - onderwerp and inhoud without leading or trailing white space (the gateway refuses an onderwerp
 *   of only spaces); inhoud left out when empty (the gateway stores "");
 * - telefoonnummer: the caller's number for a call's draft (the gateway keeps only a phone number);
 * - aanleidingKlantcontactUuid for a call-back;
 * - plaatsgevondenOp normalised to UTC ISO 8601 (OAS `format: date-time`).
 */
export function toRegisterInput(draft: KlantcontactDraft): RegisterKlantcontactInput {
  const input: RegisterKlantcontactInput = {
    kanaal: draft.kanaal.trim(),
    onderwerp: draft.onderwerp.trim(),
    taal: draft.taal,
    vertrouwelijk: draft.vertrouwelijk,
    indicatieContactGelukt: draft.indicatieContactGelukt,
    plaatsgevondenOp: new Date(draft.plaatsgevondenOp).toISOString(),
  }
  const inhoud = draft.inhoud.trim()
  if (inhoud !== '') {
    input.inhoud = inhoud
  }
  input.contactnaam = splitNaamKlant(draft.naamKlant)
  if (draft.partijUuid !== undefined) {
    input.partijUuid = draft.partijUuid
  }
  if (draft.aanleiding !== undefined) {
    input.aanleidingKlantcontactUuid = draft.aanleiding.klantcontactUuid
  }
  if (draft.callerNumber !== undefined) {
    input.telefoonnummer = draft.callerNumber
  }
  return input
}
