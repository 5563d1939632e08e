import { Button } from '@nl-design-system-candidate/button-react'
import { useEffect, useId, useRef, useState } from 'react'
import { useMessages } from '../i18n/use-messages'
import { openKlantcontact } from '../incoming-transfer/open'
import { useServices } from '../services/context'
import { createLogger } from '../log'
import { useAppStore } from '../store'
import { contentKept, type KlantcontactDraft } from './draft'
import { AanvullenForm } from './AanvullenForm'
import { klantcontactMessages, type KlantcontactMessages } from './messages'

const log = createLogger('klantcontact:saved')

export interface SavedKlantcontactProps {
  readonly draft: KlantcontactDraft
}

/** The copy button's feedback: nothing yet, done, or refused by the clipboard. */
type CopyState = 'idle' | 'copied' | 'failed'

/** Groups of three from the right ("26 000 001"), the way a number is read aloud in Dutch. */
export function groupDigits(nummer: string): string[] {
  const groups: string[] = []
  for (let end = nummer.length; end > 0; end -= 3) {
    groups.unshift(nummer.slice(Math.max(0, end - 3), end))
  }
  return groups
}

const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' })

/**
 * The confirmed klantcontact, in full for the rest of the call and the nawerk: its nummer large, to
 * read aloud to the caller, who quotes it when calling back, with a copy button; then what was
 * saved (onderwerp, inhoud, naam klant, kanaal, when) and "Aanvullen", which adds to inhoud. The
 * nummer's groups are spaced by CSS only, so the text (and what a copy gives) is the plain digits.
 */
export function SavedKlantcontact({ draft }: SavedKlantcontactProps) {
  const t = useMessages(klantcontactMessages).saved
  const base = useId()
  const dismiss = useAppStore((state) => state.klantcontact.dismiss)
  const [copy, setCopy] = useState<CopyState>('idle')
  const heading = useRef<HTMLHeadingElement>(null)
  const { nummer } = draft

  useEffect(() => {
    // The form (and its focused Opslaan button) just made way for this view: keep keyboard focus in
    // the panel instead of dropping it on the page body.
    if (document.activeElement === null || document.activeElement === document.body) {
      heading.current?.focus()
    }
  }, [])

  const copyNummer = (nummer: string): void => {
    // Through a promise: without a clipboard (an insecure context) the access itself throws.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(nummer))
      .then(
        () => setCopy('copied'),
        (error: unknown) => {
          log.warn({ error: error instanceof Error ? error.name : typeof error }, 'copy to clipboard failed')
          setCopy('failed')
        },
      )
  }

  return (
    <section className="kc-saved" aria-labelledby={`${base}-kop`}>
      <h3 id={`${base}-kop`} ref={heading} tabIndex={-1}>
        {t.heading}
      </h3>
      {nummer !== undefined ? (
        <>
          <p id={`${base}-label`} className="kc-nummer-label">
            {t.nummerLabel}
          </p>
          <p className="kc-nummer" data-testid="klantcontactnummer">
            {groupDigits(nummer).map((group, index) => (
              <span key={index} className="kc-nummer-groep">
                {group}
              </span>
            ))}
          </p>
          <div className="kc-actions">
            <Button type="button" purpose="secondary" onClick={() => copyNummer(nummer)}>
              {t.kopieer}
            </Button>
            <span role="status" className="kc-copy-status">
              {copy === 'copied' ? t.gekopieerd : ''}
            </span>
            {copy === 'failed' ? (
              <span role="alert" className="kc-error">
                {t.kopierenMislukt}
              </span>
            ) : null}
          </div>
        </>
      ) : (
        <p>{t.geenNummer}</p>
      )}
      {contentKept(draft) ? (
        <SavedDetails draft={draft} t={t} />
      ) : nummer !== undefined ? (
        <ContentInRegister nummer={nummer} t={t} />
      ) : null}
      {nummer !== undefined ? <AanvullenForm key={draft.id} draft={draft} /> : null}
      <div className="kc-actions">
        <Button type="button" purpose="subtle" onClick={() => dismiss(draft.id)}>
          {t.sluiten}
        </Button>
      </div>
    </section>
  )
}

/**
 * After a reload the saved draft holds only its nummer (persistence.ts keeps no personal data it no
 * longer needs), so the content is read from the register again, on the agent's request and audited
 * like any other read: the klantcontact then opens in the case column by its nummer.
 */
function ContentInRegister({
  nummer,
  t,
}: {
  readonly nummer: string
  readonly t: KlantcontactMessages['saved']
}) {
  const { api } = useServices()
  return (
    <div className="kc-actions">
      <p>{t.nietBewaard}</p>
      <Button
        type="button"
        purpose="secondary"
        onClick={() => void openKlantcontact({ store: useAppStore, api }, { source: 'manual', nummer })}
      >
        {t.inhoudTonen}
      </Button>
    </div>
  )
}

/** What was saved, as a description list; an empty field says so rather than leaving a gap. */
function SavedDetails({
  draft,
  t,
}: {
  readonly draft: KlantcontactDraft
  readonly t: KlantcontactMessages['saved']
}) {
  const when = new Date(draft.plaatsgevondenOp)
  const rows: ReadonlyArray<readonly [string, string, boolean]> = [
    [t.onderwerpLabel, draft.onderwerp, false],
    [t.inhoud, draft.inhoud, true],
    [t.naamKlant, draft.naamKlant.replace(/\s+/g, ' ').trim(), false],
    [t.kanaal, draft.kanaal, false],
    [t.plaatsgevondenOp, Number.isNaN(when.getTime()) ? '' : timeFormat.format(when), false],
  ]
  return (
    <dl className="op-details kc-saved-details">
      {rows.map(([label, value, multiline]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className={multiline ? 'op-text' : undefined}>{value !== '' ? value : t.leeg}</dd>
        </div>
      ))}
    </dl>
  )
}
