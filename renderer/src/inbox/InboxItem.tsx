import { Button } from '@nl-design-system-candidate/button-react'
import { useRef, useState } from 'react'
import type { InboxItemView } from '../../../shared/gateway/inbox'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { CallBackError } from './call-back'
import { DoorzettenForm, VerwerktForm } from './InboxForms'
import { ageOf, ageText, failureText, isClaimedBy, klantOf, sinceOf } from './inbox-view'
import { inboxMessages, type InboxMessages } from './messages'

export interface InboxItemActions {
  readonly onClaim: (item: InboxItemView) => Promise<void>
  readonly onCallBack: (item: InboxItemView) => Promise<void>
  readonly onVerwerkt: (item: InboxItemView, resultaat: string) => Promise<void>
  readonly onDoorzetten: (item: InboxItemView, afdeling: string, toelichting: string) => Promise<void>
}

type Action = 'oppakken' | 'terugbellen' | 'verwerkt' | 'doorzetten'

/**
 * One open contactverzoek: what is asked, for whom (the number to call back; the register keeps no
 * name with it), how long it waits, for which afdeling and who picked it up, the klantcontact that
 * led to it, and the actions. One that a colleague picked up is theirs: it shows, without actions
 * (the gateway refuses them too). Each button's accessible name says which contactverzoek it acts on.
 */
export function InboxItem(props: {
  readonly item: InboxItemView
  readonly agentLogin: string
  /** The gateway's time (ms), for the age. */
  readonly now: number
  /** A call is on: Terugbellen waits (the softphone has one call at a time). */
  readonly phoneBusy: boolean
  /** Where Doorzetten can send it. */
  readonly afdelingen: readonly { readonly id: string; readonly naam: string }[]
  readonly actions: InboxItemActions
}) {
  const t = useMessages(inboxMessages)
  const { item } = props
  const [form, setForm] = useState<'verwerkt' | 'doorzetten' | undefined>()
  const [busy, setBusy] = useState<Action | undefined>()
  const [error, setError] = useState<string | undefined>()
  const opener = useRef<Record<'verwerkt' | 'doorzetten', HTMLButtonElement | null>>({
    verwerkt: null,
    doorzetten: null,
  })

  const mine = isClaimedBy(item, props.agentLogin)
  const othersClaim = item.medewerker !== null && !mine
  const klant = klantOf(item, t)
  const label = (actie: string): string =>
    format(t.actieLabel, { actie, handeling: item.gevraagdeHandeling, wie: klant })
  const since = sinceOf(item)
  const age = ageOf(since, props.now)
  const canCall = item.telefoonnummer !== null

  const run = (action: Action, work: () => Promise<void>): void => {
    if (busy !== undefined) {
      return
    }
    setBusy(action)
    setError(undefined)
    work()
      .catch((failure: unknown) => setError(errorOf(failure, t)))
      .finally(() => setBusy(undefined))
  }

  const close = (which: 'verwerkt' | 'doorzetten'): void => {
    setForm(undefined)
    // Back where the agent was: the button that opened the form.
    queueMicrotask(() => opener.current[which]?.focus())
  }

  return (
    <li className="inbox-item" data-inbox-item={item.uuid} aria-busy={busy !== undefined ? true : undefined}>
      <p className="inbox-handeling">
        <strong>{item.gevraagdeHandeling}</strong>
        {item.terugbelverzoek ? <span className="inbox-tag">{t.terugbelverzoek}</span> : null}
      </p>
      <p className="inbox-klant">{item.telefoonnummer ?? `${t.klantOnbekend} (${t.nummerOnbekend})`}</p>
      <p className="inbox-meta">
        {since !== undefined && age !== undefined ? (
          <time dateTime={since}>{ageText(age, t.leeftijd)}</time>
        ) : null}
        {item.afdeling !== null ? (
          <span>{format(t.voorAfdeling, { afdeling: item.afdeling.naam })}</span>
        ) : null}
        {item.medewerker !== null ? (
          <span>{mine ? t.opgepaktDoorU : format(t.opgepaktDoor, { naam: item.medewerker.naam })}</span>
        ) : null}
      </p>
      {item.klantcontact !== null ? (
        <p className="inbox-aanleiding">
          {format(t.aanleiding, { nummer: item.klantcontact.nummer ?? '–' })}
          {': '}
          {item.klantcontact.afgeschermd ? t.afgeschermd : (item.klantcontact.onderwerp ?? '')}
        </p>
      ) : null}
      {item.toelichting.trim() !== '' ? (
        <details className="inbox-toelichting">
          <summary>{t.toelichtingKop}</summary>
          <p>{item.toelichting}</p>
        </details>
      ) : null}
      {othersClaim ? null : (
        <div className="inbox-actions">
          {!mine ? (
            <Button
              type="button"
              purpose="secondary"
              aria-label={label(t.oppakken)}
              disabled={busy !== undefined}
              onClick={() => run('oppakken', () => props.actions.onClaim(item))}
            >
              {t.oppakken}
            </Button>
          ) : null}
          {canCall ? (
            <Button
              type="button"
              purpose="primary"
              disabled={props.phoneBusy || busy !== undefined}
              aria-label={label(t.terugbellen)}
              onClick={() => {
                if (!props.phoneBusy) {
                  run('terugbellen', () => props.actions.onCallBack(item))
                }
              }}
            >
              {t.terugbellen}
            </Button>
          ) : null}
          <Button
            ref={(el) => {
              opener.current.verwerkt = el
            }}
            type="button"
            purpose="secondary"
            aria-label={label(t.verwerkt)}
            aria-expanded={form === 'verwerkt'}
            onClick={() => setForm(form === 'verwerkt' ? undefined : 'verwerkt')}
          >
            {t.verwerkt}
          </Button>
          <Button
            ref={(el) => {
              opener.current.doorzetten = el
            }}
            type="button"
            purpose="subtle"
            aria-label={label(t.doorzetten)}
            aria-expanded={form === 'doorzetten'}
            onClick={() => setForm(form === 'doorzetten' ? undefined : 'doorzetten')}
          >
            {t.doorzetten}
          </Button>
        </div>
      )}
      {props.phoneBusy && canCall && !othersClaim ? <p className="inbox-note">{t.terugbellenBezig}</p> : null}
      {form === 'verwerkt' && !othersClaim ? (
        <VerwerktForm
          label={label(t.verwerkt)}
          busy={busy !== undefined}
          onSubmit={(resultaat) => run('verwerkt', () => props.actions.onVerwerkt(item, resultaat))}
          onCancel={() => close('verwerkt')}
        />
      ) : null}
      {form === 'doorzetten' && !othersClaim ? (
        <DoorzettenForm
          label={label(t.doorzetten)}
          afdelingen={props.afdelingen.filter((a) => a.id !== item.afdeling?.id)}
          busy={busy !== undefined}
          onSubmit={(afdeling, toelichting) =>
            run('doorzetten', () => props.actions.onDoorzetten(item, afdeling, toelichting))
          }
          onCancel={() => close('doorzetten')}
        />
      ) : null}
      {error !== undefined ? (
        <div role="alert" className="kc-alert">
          <p>{error}</p>
        </div>
      ) : null}
    </li>
  )
}

function errorOf(failure: unknown, t: InboxMessages): string {
  if (failure instanceof CallBackError) {
    switch (failure.reason) {
      case 'geen_nummer':
        return t.mislukt.geenNummer
      case 'bezig':
        return t.terugbellenBezig
      case 'bellen':
        return t.mislukt.bellen
      case 'oppakken':
        return failureText(failure.cause, t.mislukt)
    }
  }
  return failureText(failure, t.mislukt)
}
