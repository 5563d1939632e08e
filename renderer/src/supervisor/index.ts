/** The supervisor's team overview (docs/supervisor.md), shown to an agent with role supervisor. */
export { SupervisorPanel } from './SupervisorPanel'
export { teamView, type TeamView, type TeamAfdeling, type TeamMember, type TeamCall } from './team-view'
export { maskNumber } from './mask'
