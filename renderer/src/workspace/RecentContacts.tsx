import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useEffect } from 'react'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { caseMessages } from '../case/messages'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { openKlantcontact } from '../incoming-transfer/open'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { workspaceMessages } from './messages'
import './recent.css'

const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short' })

/**
 * The agent's recent klantcontacten (gateway `GET /api/klantcontacten/recent`, newest first): the
 * ones they registered and the ones a colleague passed on that they answered. Each nummer opens the
 * klantcontact in the case column, as "Klantcontact openen" does. Two columns that wrap, so the
 * table fits the side column at 1366 wide. The list is fetched again once a colleague's klantcontact
 * was answered, or its call ended, so it is there when the agent looks.
 */
export function RecentContacts({ onRefresh }: { readonly onRefresh: () => void }) {
  const t = useMessages(workspaceMessages)
  const c = useMessages(caseMessages)
  const recent = useAppStore((s) => s.workspace.recent)
  const { api } = useServices()
  const handled = useHandledTransfer()

  useEffect(() => {
    if (handled !== undefined) {
      onRefresh()
    }
  }, [handled, onRefresh])

  const open = (nummer: string): void => {
    void openKlantcontact({ store: useAppStore, api }, { source: 'manual', nummer })
  }

  return (
    <section className="panel recent" aria-labelledby="recent-title">
      <div className="panel-heading">
        <Heading level={2} id="recent-title">
          {t.recentTitle}
        </Heading>
        <Button
          type="button"
          purpose="subtle"
          onClick={onRefresh}
          aria-disabled={recent.status === 'loading' ? true : undefined}
        >
          {t.recentRefresh}
        </Button>
      </div>
      {recent.status === 'failed' ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <Paragraph>{t.recentFailed}</Paragraph>
        </div>
      ) : null}
      {recent.status === 'ready' && recent.value.length === 0 ? <Paragraph>{t.recentEmpty}</Paragraph> : null}
      {recent.status === 'ready' && recent.value.length > 0 ? (
        <table className="utrecht-table recent-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t.recentNummer}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t.recentOnderwerp}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {recent.value.map((k) => (
              <Row key={k.uuid} k={k} onOpen={open} label={c.recentOpenen} afgeschermd={t.afgeschermd} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}

function Row(props: {
  readonly k: KlantcontactView
  readonly onOpen: (nummer: string) => void
  readonly label: string
  readonly afgeschermd: string
}) {
  const { k } = props
  const when = k.plaatsgevondenOp !== null ? timeFormat.format(new Date(k.plaatsgevondenOp)) : undefined
  return (
    <tr className="utrecht-table__row">
      <td className="utrecht-table__cell">
        {k.nummer !== null ? (
          <Button
            type="button"
            purpose="subtle"
            aria-label={format(props.label, { nummer: k.nummer })}
            onClick={() => props.onOpen(k.nummer!)}
          >
            {k.nummer}
          </Button>
        ) : (
          '–'
        )}
      </td>
      <td className="utrecht-table__cell">
        <span className="recent-onderwerp">{k.afgeschermd ? props.afgeschermd : (k.onderwerp ?? '')}</span>
        {when !== undefined ? <span className="recent-when">{when}</span> : null}
      </td>
    </tr>
  )
}

/**
 * A key that changes each time the agent has handled a colleague's klantcontact: its answer saved,
 * or the call it came with ended. Undefined until then.
 */
function useHandledTransfer(): string | undefined {
  return useAppStore((s) => {
    const { opened } = s
    const call = s.workspace.phone.call
    if (opened.source !== 'transfer' || opened.status !== 'ready') {
      return undefined
    }
    if (opened.answer.status === 'saved') {
      return `answered:${opened.view?.uuid ?? ''}:${opened.view?.inhoud?.length ?? 0}`
    }
    return call !== null && call.state === 'ended' && call.id === opened.callId
      ? `ended:${call.id}`
      : undefined
  })
}
