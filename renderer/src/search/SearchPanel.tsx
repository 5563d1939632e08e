import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { KlantcontactSearchResultView } from '../../../shared/gateway/search'
import { useMessages } from '../i18n/use-messages'
import { openKlantcontact } from '../incoming-transfer/open'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { searchMessages } from './messages'
import { SearchFields } from './SearchFields'
import {
  EMPTY_FORM,
  searchQueryOf,
  type SearchField,
  type SearchForm,
  type SearchProblem,
} from './search-query'
import { SearchResults } from './SearchResults'
import { useHandledTransfer } from './handled-transfer'
import { useSearchResults, type SearchFilter } from './use-search-results'
import './search.css'

/**
 * Zoeken in klantcontacten (gateway `GET /api/klantcontacten/zoeken`, docs/agent-app.md "Zoeken"):
 * a compact form (nummer, telefoonnummer, naam, onderwerp, van/tot) and "Mijn recente", the saved
 * filter shown by default: the agent's own klantcontacten, newest first, as the old recent list.
 * Results come a page at a time; a nummer opens the klantcontact as the case, read-only unless the
 * agent may change it (`bewerkbaar`). The first page of Mijn recente is kept fresh by the runtime
 * (after a save, after a colleague's klantcontact was handled); every other page is fetched here.
 */
export function SearchPanel({ onRefreshRecent }: { readonly onRefreshRecent: () => void }) {
  const t = useMessages(searchMessages)
  const { api } = useServices()
  const [form, setForm] = useState<SearchForm>(EMPTY_FORM)
  const [errors, setErrors] = useState<Partial<Record<SearchField, SearchProblem>>>({})
  const [filter, setFilter] = useState<SearchFilter>({ kind: 'mijn' })
  const [page, setPage] = useState(1)
  const { shown, refresh } = useSearchResults(api, filter, page, onRefreshRecent)
  const handled = useHandledTransfer()
  const base = useId()
  const resultsHeading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    if (handled !== undefined) {
      onRefreshRecent()
    }
  }, [handled, onRefreshRecent])

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const result = searchQueryOf(form)
    if (!result.ok) {
      setErrors(result.errors)
      const first = Object.keys(result.errors)[0]
      document.getElementById(`${base}-${first === 'form' ? 'nummer' : first}`)?.focus()
      return
    }
    setErrors({})
    setFilter({ kind: 'zoeken', query: result.query })
    setPage(1)
    resultsHeading.current?.focus()
  }

  const mijnRecente = (): void => {
    setErrors({})
    setFilter({ kind: 'mijn' })
    setPage(1)
    onRefreshRecent()
  }

  const clear = (): void => {
    setForm(EMPTY_FORM)
    mijnRecente()
  }

  const open = (result: KlantcontactSearchResultView): void => {
    if (result.nummer !== null) {
      void openKlantcontact(
        { store: useAppStore, api },
        { source: 'manual', nummer: result.nummer, readOnly: !result.bewerkbaar },
      )
    }
  }

  const toPage = (next: number): void => {
    setPage(next)
    resultsHeading.current?.focus()
  }

  const mijn = filter.kind === 'mijn'
  return (
    <section className="panel search" aria-labelledby={`${base}-title`}>
      <Heading level={2} id={`${base}-title`}>
        {t.title}
      </Heading>
      <form className="search-form" aria-label={t.formLabel} onSubmit={submit} noValidate>
        <SearchFields base={base} form={form} errors={errors} t={t} onChange={setForm} />
        {errors.form !== undefined ? (
          <p role="alert" className="utrecht-form-field-error-message error">
            {t.fouten[errors.form]}
          </p>
        ) : null}
        <div className="search-actions">
          <Button type="submit" purpose="primary">
            {t.zoeken}
          </Button>
          <Button type="button" purpose="secondary" aria-pressed={mijn} onClick={mijnRecente}>
            {t.mijnRecente}
          </Button>
          <Button type="button" purpose="subtle" onClick={clear}>
            {t.wissen}
          </Button>
        </div>
      </form>
      <section className="search-results" aria-labelledby={`${base}-results`}>
        <div className="panel-heading">
          <Heading level={3} id={`${base}-results`} ref={resultsHeading} tabIndex={-1}>
            {mijn ? t.recentTitle : t.resultsTitle}
          </Heading>
          <Button
            type="button"
            purpose="subtle"
            onClick={refresh}
            aria-disabled={shown.status === 'loading' ? true : undefined}
          >
            {t.vernieuwen}
          </Button>
        </div>
        <p role="status" className="search-status">
          {shown.status === 'loading' ? t.laden : ''}
        </p>
        {shown.status === 'failed' ? (
          <div role="alert" className="utrecht-alert utrecht-alert--error">
            <Paragraph>{t.mislukt}</Paragraph>
          </div>
        ) : null}
        {shown.status === 'ready' ? (
          <SearchResults
            view={shown.value}
            t={t}
            empty={mijn ? t.geenRecente : t.geenResultaten}
            onOpen={open}
            onPage={toPage}
          />
        ) : null}
      </section>
    </section>
  )
}
