import type { InterneTaak } from './types'

/**
 * The actor uuids an interne taak is assigned to: `toegewezenAanActoren`, or the deprecated
 * singular `toegewezenAanActor` (OAS 0.9.0) that an older register or another system may still
 * fill in.
 */
export function assignedActors(taak: InterneTaak): string[] {
  const many = (taak.toegewezenAanActoren ?? []).map((a) => a.uuid)
  if (many.length > 0) {
    return many
  }
  const single = (taak as { toegewezenAanActor?: { uuid: string } | null }).toegewezenAanActor
  return single ? [single.uuid] : []
}
