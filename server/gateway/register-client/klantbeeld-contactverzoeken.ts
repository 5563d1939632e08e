import type { OpenContactverzoekView } from '../../../shared/gateway/klantbeeld'
import type { KlantinteractiesClient } from './client'
import { assignedActors } from './interne-taak'
import type { Actor, InterneTaak, KlantcontactRecord, Page } from './types'

/**
 * The open contactverzoeken (interne taken with status `te_verwerken`) that the caller's
 * klantcontacten led to, oldest first, with the names of whom they are assigned to. Only a
 * klantcontact whose `leiddeTotInterneTaken` is not empty is asked about, all in parallel.
 *
 * The register's interne taak names its actors by reference only, so their names are read once
 * (`GET /actoren/<uuid>`) and kept: an afdeling or a medewerker keeps its name, and a gateway sees
 * a few hundred actors at most (`MAX_NAMES` bounds the memory all the same).
 */
const PAGE_SIZE = 10
const MAX_NAMES = 1000

export type OpenContactverzoek = OpenContactverzoekView & { klantcontactUuid: string }

export class OpenContactverzoeken {
  private readonly names = new Map<string, string>()

  constructor(private readonly client: KlantinteractiesClient) {}

  async of(klantcontacten: readonly KlantcontactRecord[]): Promise<OpenContactverzoek[]> {
    const withTaken = klantcontacten.filter((k) => (k.leiddeTotInterneTaken ?? []).length > 0)
    const pages = await Promise.all(
      withTaken.map((k) =>
        this.client.get<Page<InterneTaak>>('internetaken', {
          aanleidinggevendKlantcontact__uuid: k.uuid,
          status: 'te_verwerken',
          pageSize: PAGE_SIZE,
        }),
      ),
    )
    const taken = pages
      .flatMap((page) => page.results)
      // Checked again here: a register that ignored a filter would otherwise show closed ones.
      .filter((t) => t.status === 'te_verwerken')
    const names = await this.namesOf(taken.flatMap((t) => assignedActors(t)))
    const nummers = new Map(klantcontacten.map((k) => [k.uuid, k.nummer ?? null]))
    return taken
      .map((taak): OpenContactverzoek => {
        const klantcontactUuid = taak.aanleidinggevendKlantcontact?.uuid ?? ''
        return {
          uuid: taak.uuid,
          nummer: taak.nummer ?? null,
          gevraagdeHandeling: taak.gevraagdeHandeling,
          toegewezenAan: assignedActors(taak).flatMap((uuid) => {
            const naam = names.get(uuid)
            return naam ? [naam] : []
          }),
          toegewezenOp: taak.toegewezenOp ?? null,
          klantcontactNummer: nummers.get(klantcontactUuid) ?? null,
          klantcontactUuid,
        }
      })
      .sort((a, b) => time(a.toegewezenOp) - time(b.toegewezenOp))
  }

  private async namesOf(uuids: readonly string[]): Promise<Map<string, string>> {
    const unknown = [...new Set(uuids)].filter((uuid) => !this.names.has(uuid))
    const actors = await Promise.all(unknown.map((uuid) => this.client.find<Actor>(`actoren/${uuid}`)))
    for (const actor of actors) {
      if (actor) {
        if (this.names.size >= MAX_NAMES) {
          this.names.clear()
        }
        this.names.set(actor.uuid, actor.naam)
      }
    }
    return this.names
  }
}

const time = (iso: string | null): number => Date.parse(iso ?? '') || 0
