/** The supervisor's team overview (issue 6 §1), shown in the workspace of an agent with role supervisor. */
export { SupervisorPanel } from './SupervisorPanel'
export { teamView, type TeamView, type TeamAfdeling, type TeamMember, type TeamCall } from './team-view'
export { maskNumber } from './mask'
