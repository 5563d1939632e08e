import { Button } from '@nl-design-system-candidate/button-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import type { KlantcontactSearchResultView, KlantcontactSearchView } from '../../../shared/gateway/search'
import { format } from '../i18n/locale'
import type { SearchMessages } from './messages'

const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short' })

export interface SearchResultsProps {
  readonly view: KlantcontactSearchView
  readonly t: SearchMessages
  readonly empty: string
  readonly onOpen: (result: KlantcontactSearchResultView) => void
  readonly onPage: (page: number) => void
}

/**
 * One page of klantcontacten: each nummer is a button that opens it as the case; a vertrouwelijk
 * one the agent may not read says so instead of its onderwerp, and one the agent may not change
 * says "Alleen lezen". Two columns that wrap (nummer; onderwerp with the time under it), so the
 * table fits the side column at 1366 wide.
 */
export function SearchResults({ view, t, empty, onOpen, onPage }: SearchResultsProps) {
  return (
    <>
      {view.results.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <table className="utrecht-table search-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t.kolomNummer}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t.kolomOnderwerp}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {view.results.map((result) => (
              <Row key={result.uuid} result={result} t={t} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
      )}
      {view.page > 1 || view.next ? (
        <nav className="search-pages" aria-label={t.paginering}>
          {view.page > 1 ? (
            <Button type="button" purpose="secondary" onClick={() => onPage(view.page - 1)}>
              {t.vorige}
            </Button>
          ) : null}
          <span>{format(t.pagina, { page: view.page })}</span>
          {view.next ? (
            <Button type="button" purpose="secondary" onClick={() => onPage(view.page + 1)}>
              {t.volgende}
            </Button>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}

function Row(props: {
  readonly result: KlantcontactSearchResultView
  readonly t: SearchMessages
  readonly onOpen: (result: KlantcontactSearchResultView) => void
}) {
  const { result, t } = props
  const when =
    result.plaatsgevondenOp !== null ? timeFormat.format(new Date(result.plaatsgevondenOp)) : undefined
  return (
    <tr className="utrecht-table__row">
      <td className="utrecht-table__cell">
        {result.nummer !== null ? (
          <Button
            type="button"
            purpose="subtle"
            aria-label={format(t.openen, { nummer: result.nummer })}
            onClick={() => props.onOpen(result)}
          >
            {result.nummer}
          </Button>
        ) : (
          '–'
        )}
      </td>
      <td className="utrecht-table__cell">
        <span className="search-onderwerp">
          {result.afgeschermd ? t.afgeschermd : (result.onderwerp ?? '')}
        </span>
        {when !== undefined ? <span className="search-meta">{when}</span> : null}
        {result.bewerkbaar ? null : <span className="search-meta">{t.alleenLezen}</span>}
      </td>
    </tr>
  )
}
