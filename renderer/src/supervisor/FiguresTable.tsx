import type { ReactNode } from 'react'

/**
 * A compact table of figures per afdeling, one column per afdeling and one row per figure: it fits
 * the narrow side column however many figures there are, where a row per afdeling would need a
 * column per figure and run out of the panel. Each cell carries its afdeling and figure as data
 * attributes, so tests read an afdeling's figures in row order.
 */
export interface FigureRow {
  readonly key: string
  readonly label: string
  /** Per afdeling, in the order of `afdelingen`. */
  readonly values: readonly ReactNode[]
}

export function FiguresTable(props: {
  readonly label: string
  readonly afdelingen: readonly { readonly id: string; readonly naam: string }[]
  readonly rows: readonly FigureRow[]
  readonly describedBy?: string
}) {
  return (
    <table
      className="utrecht-table utrecht-table--html-table team-table figures-table"
      aria-label={props.label}
      aria-describedby={props.describedBy}
    >
      <caption className="utrecht-table__caption">{props.label}</caption>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <td className="utrecht-table__cell" />
          {props.afdelingen.map((a) => (
            <th
              key={a.id}
              scope="col"
              className="utrecht-table__header-cell utrecht-table__header-cell--numeric-column"
            >
              {a.naam}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {props.rows.map((row) => (
          <tr key={row.key} className="utrecht-table__row" data-figure={row.key}>
            <th scope="row" className="utrecht-table__header-cell">
              {row.label}
            </th>
            {row.values.map((value, i) => (
              <td
                key={props.afdelingen[i]?.id ?? i}
                className="utrecht-table__cell utrecht-table__cell--numeric-data"
                data-afdeling={props.afdelingen[i]?.id}
              >
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
