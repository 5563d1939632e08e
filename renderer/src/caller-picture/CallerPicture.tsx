import { useId, useRef, useState } from 'react'
import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import type { KlantbeeldView, KlantcontactSummaryView } from '../../../shared/gateway/klantbeeld'
import { afhandelingMessages } from '../i18n/afhandelingen'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import type { RingingCaller } from '../ringing/slice'
import { KlantcontactDialog } from './KlantcontactDialog'
import { callerPictureMessages, type CallerPictureMessages } from './messages'
import { dateOf, medewerkersOf, onderwerpOf, pictureStateOf, uitkomstOf } from './picture-state'
import './caller-picture.css'

export interface CallerPictureProps {
  readonly caller: RingingCaller | undefined
  /** Heading level of the picture's title (its lists are one below). */
  readonly level: 2 | 3
  /** Off where the partijen are named already (the draft's offer to link one). */
  readonly showPartijen?: boolean
}

/**
 * The caller's picture (GET /api/klantbeeld, looked up at ring: ringing/caller-lookup.ts): who the
 * number belongs to, their earlier contacts (date, kanaal, onderwerp, who, how it ended) and their
 * open contactverzoeken. Each earlier contact opens read-only in a modal dialog, so the case in the
 * main column stays as it is. A vertrouwelijk one the agent may not read says "Vertrouwelijk".
 */
export function CallerPicture({ caller, level, showPartijen = true }: CallerPictureProps) {
  const t = useMessages(callerPictureMessages)
  const id = useId()
  const state = pictureStateOf(caller)
  const [opened, setOpened] = useState<string | null>(null)
  const opener = useRef<HTMLElement | null>(null)
  const open = (nummer: string, from: HTMLElement) => {
    opener.current = from
    setOpened(nummer)
  }
  const close = () => {
    setOpened(null)
    // Focus back where the agent was (WCAG 2.4.3): the dialog's opener.
    opener.current?.focus()
  }
  const sub = level === 2 ? 3 : 4

  return (
    <section className="caller-picture" aria-labelledby={`${id}-titel`} data-klantbeeld={state}>
      <Heading level={level} id={`${id}-titel`}>
        {t.title}
      </Heading>
      {state === 'loading' ? (
        <Paragraph className="caller-picture-note">{t.loading}</Paragraph>
      ) : state === 'error' || caller?.picture === undefined ? (
        state === 'error' ? (
          <Paragraph className="caller-picture-note">{t.failed}</Paragraph>
        ) : (
          <Paragraph className="caller-picture-note">{t.geenPartij}</Paragraph>
        )
      ) : (
        <PictureLists picture={caller.picture} t={t} sub={sub} showPartijen={showPartijen} onOpen={open} />
      )}
      {opened !== null ? <KlantcontactDialog nummer={opened} onClose={close} /> : null}
    </section>
  )
}

function PictureLists(props: {
  readonly picture: KlantbeeldView
  readonly t: CallerPictureMessages
  readonly sub: 3 | 4
  readonly showPartijen: boolean
  readonly onOpen: (nummer: string, from: HTMLElement) => void
}) {
  const { picture, t, sub, showPartijen, onOpen } = props
  const afhandelingen = useMessages(afhandelingMessages)
  return (
    <>
      {showPartijen ? (
        <Paragraph data-testid="caller-picture-partijen">
          {picture.partijen.length > 0
            ? `${t.partijen}: ${picture.partijen.map((p) => p.naam).join(', ')}`
            : t.geenPartij}
        </Paragraph>
      ) : null}
      <Heading level={sub}>{t.eerdereContacten}</Heading>
      {picture.klantcontacten.length === 0 ? (
        <Paragraph className="caller-picture-note">{t.geenContacten}</Paragraph>
      ) : (
        <ul className="caller-picture-list" data-testid="caller-picture-contacten">
          {picture.klantcontacten.map((k) => (
            <ContactItem key={k.uuid} k={k} t={t} afhandelingen={afhandelingen} onOpen={onOpen} />
          ))}
        </ul>
      )}
      <Heading level={sub}>{t.openVerzoeken}</Heading>
      {picture.contactverzoeken.length === 0 ? (
        <Paragraph className="caller-picture-note">{t.geenVerzoeken}</Paragraph>
      ) : (
        <ul className="caller-picture-list" data-testid="caller-picture-verzoeken">
          {picture.contactverzoeken.map((v) => (
            <li key={v.uuid}>
              <span className="caller-picture-main">{v.gevraagdeHandeling || t.vertrouwelijk}</span>
              <span className="caller-picture-meta">
                {[
                  v.toegewezenAan.length > 0
                    ? format(t.toegewezenAan, { naam: v.toegewezenAan.join(', ') })
                    : '',
                  dateOf(v.toegewezenOp),
                  v.klantcontactNummer !== null
                    ? format(t.bijKlantcontact, { nummer: v.klantcontactNummer })
                    : '',
                ]
                  .filter((part) => part !== '')
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function ContactItem(props: {
  readonly k: KlantcontactSummaryView
  readonly t: CallerPictureMessages
  readonly afhandelingen: Parameters<typeof uitkomstOf>[2]
  readonly onOpen: (nummer: string, from: HTMLElement) => void
}) {
  const { k, t, afhandelingen, onOpen } = props
  const nummer = k.nummer
  return (
    <li>
      <span
        className={k.afgeschermd ? 'caller-picture-main caller-picture-afgeschermd' : 'caller-picture-main'}
      >
        {onderwerpOf(k, t)}
      </span>
      <span className="caller-picture-meta">
        {[dateOf(k.plaatsgevondenOp), k.kanaal, medewerkersOf(k, t), uitkomstOf(k, t, afhandelingen)]
          .filter((part) => part !== '')
          .join(' · ')}
      </span>
      {nummer !== null ? (
        <Button
          type="button"
          purpose="subtle"
          aria-label={format(t.openenBeschrijving, { nummer })}
          onClick={(event) => onOpen(nummer, event.currentTarget)}
        >
          {t.openen}
        </Button>
      ) : null}
    </li>
  )
}
