import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useMemo } from 'react'
import type { AgentView } from '../../../shared/gateway/api'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { KlantcontactOpenen, OpenedKlantcontact } from '../incoming-transfer'
import '../incoming-transfer/opened.css'
import { ariaKeyshortcuts, shortcutHint } from '../keyboard/shortcuts'
import { draftsOf } from '../klantcontact/draft'
import { KlantcontactForm } from '../klantcontact/KlantcontactForm'
import '../klantcontact/klantcontact.css'
import { SavedKlantcontact } from '../klantcontact/SavedKlantcontact'
import { FOCUS_TARGETS } from '../lib/focus-targets'
import { missingCaseError } from '../lib/missing-case'
import { RingingCall } from '../ringing/RingingCall'
import { useAppStore } from '../store'
import './case.css'
import { caseLayout, type MainCase } from './main-case'
import { caseMessages, type CaseMessages } from './messages'
import { CallBackOrigin } from '../inbox/CallBackOrigin'
import { AfhandelingControl } from './AfhandelingControl'
import { OtherCases } from './OtherCases'

/**
 * The main column: one case in view, the call's klantcontact from ring to nawerk (case/main-case.ts
 * decides which): the ringing call while no case exists for it, a new draft (and after Opslaan the
 * saved klantcontact in full, to add to), the klantcontact a colleague passed on with the call, or
 * one the agent opened by its nummer. The agent's other open klantcontacten are a compact list below
 * it, then "Klantcontact openen". The heading names the case and takes the focus after a call ends.
 */
export function CaseColumn({ agent }: { readonly agent: AgentView }) {
  const t = useMessages(caseMessages)
  const call = useAppStore((s) => s.workspace.phone.call)
  const allDrafts = useAppStore((s) => s.klantcontact.drafts)
  const activeId = useAppStore((s) => s.klantcontact.activeId)
  const draftFront = useAppStore((s) => s.klantcontact.front)
  const openManual = useAppStore((s) => s.klantcontact.openManual)
  const status = useAppStore((s) => s.opened.status)
  const source = useAppStore((s) => s.opened.source)
  const callId = useAppStore((s) => s.opened.callId)
  const nummer = useAppStore((s) => s.opened.nummer)
  const openedFront = useAppStore((s) => s.opened.front)
  const drafts = useMemo(() => draftsOf(allDrafts, agent.login), [allDrafts, agent.login])
  const layout = caseLayout({
    call,
    drafts,
    activeId,
    draftFront,
    opened: {
      status,
      source,
      ...(callId !== undefined ? { callId } : {}),
      ...(nummer !== undefined ? { nummer } : {}),
    },
    openedFront,
  })
  const { main } = layout

  return (
    <section className="case-column" aria-labelledby={FOCUS_TARGETS.caseHeading}>
      <div className="case-header">
        <Heading level={2} id={FOCUS_TARGETS.caseHeading} tabIndex={-1}>
          {headingOf(main, source, t)}
        </Heading>
        <Button
          type="button"
          purpose="secondary"
          aria-keyshortcuts={ariaKeyshortcuts('new_klantcontact')}
          onClick={() => openManual(agent.login)}
        >
          {t.nieuw} <kbd>{shortcutHint('new_klantcontact')}</kbd>
        </Button>
      </div>
      <div className="case-main">
        <CallBackOrigin main={main} />
        <MainContent main={main} answerField={agent.answerField} t={t} />
        <AfhandelingControl main={main} agent={agent} />
      </div>
      <OtherCases drafts={layout.otherDrafts} openedListed={layout.openedListed} />
      <div className="case-openen op-panel">
        <KlantcontactOpenen />
      </div>
    </section>
  )
}

function MainContent(props: {
  readonly main: MainCase
  readonly answerField: AgentView['answerField']
  readonly t: CaseMessages
}) {
  const { main } = props
  switch (main.kind) {
    case 'ringing':
      return <RingingCall call={main.call} />
    case 'draft':
      return main.draft.status === 'saved' ? (
        <SavedKlantcontact key={main.draft.id} draft={main.draft} />
      ) : (
        <KlantcontactForm
          key={main.draft.id}
          draft={main.draft}
          labelledBy={FOCUS_TARGETS.caseHeading}
          firstFieldId={FOCUS_TARGETS.caseFirstField}
        />
      )
    case 'opened':
      return (
        <div className="op-panel">
          <OpenedKlantcontact answerField={props.answerField} />
        </div>
      )
    case 'none':
      return <Paragraph className="kc-empty">{props.t.geenKlantcontact}</Paragraph>
    default:
      throw missingCaseError(main)
  }
}

function headingOf(main: MainCase, source: 'transfer' | 'manual', t: CaseMessages): string {
  switch (main.kind) {
    case 'ringing':
      return t.heading.ringing
    case 'draft':
      if (main.draft.status === 'saved') {
        return main.draft.nummer !== undefined
          ? format(t.heading.saved, { nummer: main.draft.nummer })
          : t.heading.savedZonderNummer
      }
      return main.draft.callId !== undefined ? t.heading.call : t.heading.manual
    case 'opened':
      return source === 'transfer' ? t.heading.transfer : t.heading.opened
    case 'none':
      return t.heading.none
    default:
      throw missingCaseError(main)
  }
}
