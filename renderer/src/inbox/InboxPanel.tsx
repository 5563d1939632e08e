import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { AgentView } from '../../../shared/gateway/api'
import type { InboxItemView } from '../../../shared/gateway/inbox'
import type { InboxStatus } from '../../../shared/live/inbox'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useGatewayNow } from '../live/use-gateway-now'
import { useServices } from '../services/context'
import { isLive } from '../softphone/states'
import { useAppStore } from '../store'
import { callBack } from './call-back'
import { InboxItem, type InboxItemActions } from './InboxItem'
import { claim, doorzetten, loadOpen, markVerwerkt } from './inbox-actions'
import { inboxAfdelingen, inboxOrder } from './inbox-view'
import { inboxMessages } from './messages'
import { VerwerktList } from './VerwerktList'
import './inbox.css'

/**
 * The contactverzoek inbox (gateway `GET /api/inbox`, shared/gateway/inbox.ts): the interne taken
 * assigned to the agent and their afdeling (a supervisor's also those of the afdelingen they
 * supervise), terugbelverzoeken from the queue among them, open first, oldest first. Each can be
 * picked up (Oppakken), called back with one click (Terugbellen: the call's klantcontact opens with
 * the original above it), marked Verwerkt with a short result, or passed on to another afdeling
 * (Doorzetten). The list is fetched again whenever the live feed says the inbox of one of the
 * agent's afdelingen changed (`inbox.changed`), so a new one appears without a reload.
 */
export function InboxPanel({ agent }: { readonly agent: AgentView }) {
  const t = useMessages(inboxMessages)
  const { api, softphone } = useServices()
  const open = useAppStore((s) => s.inbox.open)
  const directory = useAppStore((s) => s.workspace.directory)
  const phoneBusy = useAppStore(
    (s) => s.workspace.phone.call !== null && isLive(s.workspace.phone.call.state),
  )
  const changes = useInboxChanges(agent)
  const now = useGatewayNow(30_000)
  const heading = useRef<HTMLHeadingElement>(null)
  const [announcement, setAnnouncement] = useState('')
  const [showVerwerkt, setShowVerwerkt] = useState(false)
  const afdelingen = useMemo(() => inboxAfdelingen(agent), [agent])

  useEffect(() => {
    void loadOpen({ api, store: useAppStore })
  }, [api, changes])

  // Whose inbox it is ends with the session: nothing of it stays for the next one to log in.
  useEffect(() => () => useAppStore.getState().inbox.clear(), [])

  const ctx = { api, store: useAppStore, agent }
  const gone = (text: string): void => {
    setAnnouncement(text)
    // The item and the focused button in it are gone: the focus goes to the list's heading.
    heading.current?.focus()
  }
  const actions: InboxItemActions = {
    onClaim: async (item) => {
      await claim(ctx, item)
      setAnnouncement(t.gelukt.oppakken)
    },
    onCallBack: async (item) => {
      await callBack({ ...ctx, softphone }, item)
      setAnnouncement(t.gelukt.terugbellen)
    },
    onVerwerkt: async (item, resultaat) => {
      await markVerwerkt(ctx, item.uuid, resultaat)
      gone(t.gelukt.verwerkt)
    },
    onDoorzetten: async (item, afdeling, toelichting) => {
      await doorzetten({ ...ctx, ownAfdelingen: afdelingen }, item, afdeling, toelichting)
      const naam = directoryAfdelingen(directory).find((a) => a.id === afdeling)?.naam ?? afdeling
      gone(format(t.gelukt.doorzetten, { afdeling: naam }))
    },
  }

  const items: InboxItemView[] = open.status === 'ready' ? inboxOrder(open.value) : []
  return (
    <section className="panel inbox" aria-labelledby="inbox-title" data-testid="inbox">
      <div className="panel-heading">
        <Heading level={2} id="inbox-title" ref={heading} tabIndex={-1}>
          {open.status === 'ready' && items.length > 0
            ? format(t.titleWithCount, { aantal: items.length })
            : t.title}
        </Heading>
        <Button type="button" purpose="subtle" onClick={() => void loadOpen({ api, store: useAppStore })}>
          {t.opnieuw}
        </Button>
      </div>
      <p role="status" className="kc-status">
        {open.status === 'loading' ? t.laden : announcement}
      </p>
      {open.status === 'failed' ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <Paragraph>{t.ladenMislukt}</Paragraph>
        </div>
      ) : null}
      {open.status === 'ready' && items.length === 0 ? <Paragraph>{t.leeg}</Paragraph> : null}
      {items.length > 0 ? (
        <ul className="inbox-list" aria-label={t.lijst}>
          {items.map((item) => (
            <InboxItem
              key={item.uuid}
              item={item}
              agentLogin={agent.login}
              now={now}
              phoneBusy={phoneBusy}
              afdelingen={directoryAfdelingen(directory)}
              actions={actions}
            />
          ))}
        </ul>
      ) : null}
      <Button
        type="button"
        purpose="subtle"
        aria-expanded={showVerwerkt}
        onClick={() => setShowVerwerkt(!showVerwerkt)}
      >
        {showVerwerkt ? t.verwerktVerbergen : t.verwerktTonen}
      </Button>
      {showVerwerkt ? <VerwerktList /> : null}
    </section>
  )
}

function directoryAfdelingen(
  directory: ReturnType<typeof useAppStore.getState>['workspace']['directory'],
): readonly { readonly id: string; readonly naam: string }[] {
  return directory.status === 'ready' ? directory.value.afdelingen : []
}

/**
 * A value that changes whenever the live feed brings a new status for one of the agent's
 * afdelingen' inboxes (also a snapshot after a reconnect): each `inbox.changed` replaces the
 * afdeling's status object, so the objects themselves say what changed.
 */
function useInboxChanges(agent: AgentView): number {
  const inboxes = useAppStore((s) => s.workspace.live.inboxes)
  const afdelingen = useMemo(() => inboxAfdelingen(agent), [agent])
  const seen = useRef<readonly InboxStatus[]>([])
  const [changes, setChanges] = useState(0)
  useEffect(() => {
    const mine = inboxes.filter((i) => afdelingen.includes(i.afdeling))
    const before = seen.current
    seen.current = mine
    if (mine.length !== before.length || mine.some((status, i) => status !== before[i])) {
      setChanges((n) => n + 1)
    }
  }, [inboxes, afdelingen])
  return changes
}
