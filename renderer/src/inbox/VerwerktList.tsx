import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useEffect } from 'react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { loadVerwerkt } from './inbox-actions'
import { inboxMessages } from './messages'

const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short' })

/** "Recent verwerkt": the last contactverzoeken handled in the agent's inbox, newest first, read-only. */
export function VerwerktList() {
  const t = useMessages(inboxMessages)
  const { api } = useServices()
  const verwerkt = useAppStore((s) => s.inbox.verwerkt)

  useEffect(() => {
    void loadVerwerkt({ api, store: useAppStore })
  }, [api])

  return (
    <div className="inbox-verwerkt">
      <Heading level={3} id="inbox-verwerkt-title">
        {t.verwerktTitel}
      </Heading>
      {verwerkt.status === 'loading' ? <Paragraph>{t.laden}</Paragraph> : null}
      {verwerkt.status === 'failed' ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <Paragraph>{t.ladenMislukt}</Paragraph>
        </div>
      ) : null}
      {verwerkt.status === 'ready' && verwerkt.value.length === 0 ? (
        <Paragraph>{t.verwerktLeeg}</Paragraph>
      ) : null}
      {verwerkt.status === 'ready' && verwerkt.value.length > 0 ? (
        <ul className="inbox-list" aria-labelledby="inbox-verwerkt-title">
          {verwerkt.value.map((item) => (
            <li key={item.uuid} className="inbox-item" data-inbox-item={item.uuid}>
              <p className="inbox-handeling">
                <strong>{item.gevraagdeHandeling}</strong>
                {item.terugbelverzoek ? <span className="inbox-tag">{t.terugbelverzoek}</span> : null}
              </p>
              <p className="inbox-klant">{item.telefoonnummer ?? t.klantOnbekend}</p>
              {item.afgehandeldOp !== null ? (
                <p className="inbox-meta">
                  <time dateTime={item.afgehandeldOp}>
                    {format(t.verwerktOp, { datum: timeFormat.format(new Date(item.afgehandeldOp)) })}
                  </time>
                  {item.medewerker !== null ? <span>{item.medewerker.naam}</span> : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
