/** "Gemiste oproepen": calls nobody answered, each with Terugbellen. (Placeholder.) */
export function MissedCalls() {
  return null
}
