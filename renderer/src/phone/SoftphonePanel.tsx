import { useState } from 'react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { createLogger } from '../log'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { CallTimer } from './CallTimer'
import { DeviceSettings } from './DeviceSettings'
import { DialForm } from './DialForm'
import { Keypad } from './Keypad'
import { phoneMessages } from './messages'

const log = createLogger('phone-panel')

/**
 * The softphone panel: registration, the current call with its controls, the keypad, dialling and
 * the sound devices. React only renders the softphone's snapshot and calls its verbs; sip.js stays
 * inside the service, so nothing on screen holds an object that sip.js mutates behind React's back.
 */
export function SoftphonePanel() {
  const t = useMessages(phoneMessages)
  const { softphone } = useServices()
  const phone = useAppStore((s) => s.workspace.phone)
  const directory = useAppStore((s) => s.workspace.directory)
  const session = useAppStore((s) => s.workspace.session)
  const [failure, setFailure] = useState<string | undefined>()

  const run = (action: () => Promise<void> | void) => {
    setFailure(undefined)
    Promise.resolve()
      .then(action)
      .catch((error: unknown) => {
        log.warn({ error: String(error) }, 'phone action failed')
        setFailure(format(t.actionFailed, { reden: error instanceof Error ? error.message : String(error) }))
      })
  }

  const call = phone.call
  const live = call !== null && call.state !== 'ended'
  const ownLogin = session.status === 'active' ? session.agent.login : ''

  return (
    <section className="panel softphone" aria-labelledby="phone-title">
      <h2 id="phone-title">{t.title}</h2>
      <p role="status" className={`registration registration-${phone.registration}`}>
        {t.registration[phone.registration]}
      </p>
      <div className="call" aria-live="polite">
        <p className="call-state">
          <strong>{t.call[call?.state ?? 'idle']}</strong>
          {call && live ? (
            <>
              {' · '}
              <span>{call.direction === 'inbound' ? t.inbound : t.outbound}</span>
            </>
          ) : null}
        </p>
        {call && live ? (
          <dl className="call-details">
            <dt>{t.caller}</dt>
            <dd data-testid="call-remote">{call.remoteNumber}</dd>
            {call.klantcontactnummer ? (
              <>
                <dt>Klantcontact</dt>
                <dd>{call.klantcontactnummer}</dd>
              </>
            ) : null}
            {(call.answeredAt ?? call.startedAt) !== undefined ? (
              <>
                <dt>{t.duration}</dt>
                <dd>
                  <CallTimer since={call.answeredAt ?? call.startedAt ?? 0} label={t.duration} />
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </div>
      <div className="call-controls">
        {call?.state === 'ringing' ? (
          <>
            <button type="button" className="primary answer" onClick={() => run(() => softphone.answer())}>
              {t.answer}
            </button>
            <button type="button" className="danger" onClick={() => run(() => softphone.decline())}>
              {t.decline}
            </button>
          </>
        ) : null}
        {call && (call.state === 'connecting' || call.state === 'active' || call.state === 'on_hold') ? (
          <>
            <button type="button" className="danger" onClick={() => run(() => softphone.hangup())}>
              {t.hangup}
            </button>
            {call.state === 'on_hold' ? (
              <button type="button" onClick={() => run(() => softphone.resume())}>
                {t.resume}
              </button>
            ) : (
              <button
                type="button"
                disabled={call.state !== 'active'}
                onClick={() => run(() => softphone.hold())}
              >
                {t.hold}
              </button>
            )}
            <button
              type="button"
              aria-pressed={call.muted}
              onClick={() => run(() => softphone.mute(!call.muted))}
            >
              {call.muted ? t.unmute : t.mute}
            </button>
          </>
        ) : null}
      </div>
      {failure ? (
        <p role="alert" className="error">
          {failure}
        </p>
      ) : null}
      {call?.state === 'active' ? (
        <Keypad
          title={t.keypad}
          keyLabel={t.keypadLabel}
          onTone={(tone) => run(() => softphone.sendDtmf(tone))}
        />
      ) : null}
      <DialForm
        directory={directory.status === 'ready' ? directory.value : undefined}
        ownLogin={ownLogin}
        disabled={live || phone.registration !== 'registered'}
        onDial={(target) => run(() => softphone.call(target))}
      />
      <DeviceSettings />
    </section>
  )
}
