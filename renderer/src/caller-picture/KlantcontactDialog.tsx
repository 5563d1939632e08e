import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { isGatewayError } from '../api/errors'
import { afhandelingMessages } from '../i18n/afhandelingen'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useServices } from '../services/context'
import { callerPictureMessages } from './messages'
import { dateOf } from './picture-state'

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly view: KlantcontactView }
  | { readonly status: 'failed'; readonly notFound: boolean }

/**
 * An earlier klantcontact of the caller, read-only, in a modal dialog (the native `<dialog>`: the
 * page behind it is inert, so focus stays inside): the case in the main column stays as it is.
 * It reads `GET /api/klantcontacten/by-nummer/:nummer`, which the gateway audits. A vertrouwelijk
 * one the agent may not read shows that it exists, not what it says. Escape or Sluiten closes it;
 * the caller puts focus back on the button that opened it.
 */
export function KlantcontactDialog({
  nummer,
  onClose,
}: {
  readonly nummer: string
  readonly onClose: () => void
}) {
  const t = useMessages(callerPictureMessages).dialog
  const afhandelingen = useMessages(afhandelingMessages)
  const { api } = useServices()
  const id = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })

  useEffect(() => {
    const element = dialog.current
    if (element !== null && !element.open) {
      // jsdom has no showModal; a browser always does.
      if (typeof element.showModal === 'function') {
        element.showModal()
      } else {
        element.setAttribute('open', '')
      }
    }
    return () => element?.close?.()
  }, [])

  useEffect(() => {
    let current = true
    api.klantcontactByNummer(nummer).then(
      (view) => current && setLoaded({ status: 'ready', view }),
      (error: unknown) =>
        current && setLoaded({ status: 'failed', notFound: isGatewayError(error) && error.status === 404 }),
    )
    return () => {
      current = false
    }
  }, [api, nummer])

  // The modal state ends first: while it lasts the page behind is inert, and focus could not go
  // back to the button that opened the dialog.
  const close = () => {
    dialog.current?.close?.()
    onClose()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      // Only the dialog closes: the workspace's own Escape handling (the case, the call) stays out of it.
      event.preventDefault()
      event.stopPropagation()
      close()
    }
  }

  return (
    <dialog
      ref={dialog}
      className="caller-picture-dialog"
      aria-labelledby={`${id}-titel`}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault()
        close()
      }}
    >
      <Heading level={2} id={`${id}-titel`}>
        {format(t.title, { nummer })}
      </Heading>
      <div role="status">{loaded.status === 'loading' ? t.loading : ''}</div>
      {loaded.status === 'failed' ? (
        <Paragraph role="alert">{loaded.notFound ? t.notFound : t.failed}</Paragraph>
      ) : null}
      {loaded.status === 'ready' ? <Details view={loaded.view} t={t} afhandelingen={afhandelingen} /> : null}
      <div className="caller-picture-dialog-actions">
        <Button type="button" purpose="secondary" onClick={close} autoFocus>
          {t.sluiten}
        </Button>
      </div>
    </dialog>
  )
}

function Details(props: {
  readonly view: KlantcontactView
  readonly t: (typeof callerPictureMessages)['nl']['dialog']
  readonly afhandelingen: (typeof afhandelingMessages)['nl']
}) {
  const { view, t, afhandelingen } = props
  const vertrouwelijk = useMessages(callerPictureMessages).vertrouwelijk
  const klant = view.betrokkenen.find((b) => b.initiator)?.volledigeNaam ?? null
  const rows: [string, string][] = [
    [t.plaatsgevondenOp, dateOf(view.plaatsgevondenOp)],
    [t.kanaal, view.kanaal],
    [t.medewerkers, view.actoren.map((a) => a.naam).join(', ')],
    ...(view.afhandeling ? ([[t.afhandeling, afhandelingen[view.afhandeling]]] as [string, string][]) : []),
  ]
  if (!view.afgeschermd) {
    rows.push([t.klant, klant ?? ''], [t.onderwerp, view.onderwerp ?? ''], [t.inhoud, view.inhoud ?? ''])
  }
  return (
    <>
      {view.afgeschermd ? (
        <Paragraph className="caller-picture-afgeschermd" data-testid="klantcontact-dialog-vertrouwelijk">
          <strong>{vertrouwelijk}</strong> — {t.vertrouwelijkUitleg}
        </Paragraph>
      ) : null}
      <dl className="caller-picture-dialog-details">
        {rows
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </>
  )
}
