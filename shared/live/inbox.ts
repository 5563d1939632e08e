/**
 * An afdeling's open contactverzoeken as the live socket shows them: the count in an agent's
 * header, and the open count and oldest age on the supervisor's Teamoverzicht and wallboard. The
 * gateway (server/gateway/inbox/) is the only publisher. No citizen's data travels here.
 */
export interface InboxStatus {
  afdeling: string
  /** Open interne taken assigned to the afdeling or to one of its members. */
  open: number
  /** ISO toegewezenOp of the oldest open one (absent when none is open): the app counts up from it. */
  oldestSince?: string
}
