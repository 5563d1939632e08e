import type { ProblemView } from '../../../shared/gateway/api'
import type { DraftField, FieldErrors } from './draft'

/**
 * Where a refusal of `POST /api/klantcontacten` belongs in the form. The gateway names its fields
 * as the task API does (`onderwerp`, `contactnaam.voornaam`, `partijUuid`; docs/gateway.md, and
 * server/gateway/register-client/upstream-errors.ts for the register's names); the reasons are
 * already Dutch and are shown as they come. What has no field ends up in `other`.
 */
export interface PlacedProblem {
  readonly fieldErrors: FieldErrors
  readonly other: readonly string[]
}

export function placeProblem(problem: ProblemView | undefined): PlacedProblem {
  const fieldErrors: FieldErrors = {}
  const other: string[] = []
  for (const param of problem?.invalidParams ?? []) {
    const field = fieldOf(param.name)
    if (field === undefined) {
      other.push(param.reason)
    } else if (fieldErrors[field] === undefined) {
      fieldErrors[field] = param.reason
    } else {
      fieldErrors[field] = `${fieldErrors[field]} ${param.reason}`
    }
  }
  return { fieldErrors, other }
}

function fieldOf(name: string): DraftField | undefined {
  // The one text "Naam klant" stands for the contactnaam and, when accepted, the partij.
  if (name === 'contactnaam' || name.startsWith('contactnaam.') || name === 'partijUuid') {
    return 'naamKlant'
  }
  switch (name) {
    case 'onderwerp':
    case 'inhoud':
    case 'kanaal':
    case 'plaatsgevondenOp':
    case 'taal':
    case 'vertrouwelijk':
      return name
    default:
      return undefined
  }
}
