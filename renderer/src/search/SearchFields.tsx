import type { SearchMessages } from './messages'
import type { SearchField, SearchForm, SearchProblem } from './search-query'

export interface SearchFieldsProps {
  /** The panel's id prefix: each input is `${base}-${field}`, so the panel can focus a wrong one. */
  readonly base: string
  readonly form: SearchForm
  readonly errors: Partial<Record<SearchField, SearchProblem>>
  readonly t: SearchMessages
  readonly onChange: (form: SearchForm) => void
}

/**
 * The search form's fields, labelled in Dutch, each with its own error under it. Van and Tot are
 * text fields in dd-mm-jjjj, as the app writes dates (a date input follows the browser's locale).
 */
export function SearchFields({ base, form, errors, t, onChange }: SearchFieldsProps) {
  const field = (
    name: keyof SearchForm,
    label: string,
    options: { hint?: string; inputMode?: 'numeric' | 'tel' | 'text' } = {},
  ) => {
    const id = `${base}-${name}`
    const problem = errors[name]
    const describedBy = [options.hint ? `${id}-hint` : '', problem ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ')
    return (
      <div className={`utrecht-form-field utrecht-form-field--text search-field search-field--${name}`}>
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
        <input
          id={id}
          className={`utrecht-textbox utrecht-textbox--html-input${problem ? ' utrecht-textbox--invalid' : ''}`}
          value={form[name]}
          inputMode={options.inputMode ?? 'text'}
          autoComplete="off"
          aria-describedby={describedBy || undefined}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => onChange({ ...form, [name]: event.target.value })}
        />
        {options.hint ? (
          <p id={`${id}-hint`} className="utrecht-form-field-description hint">
            {options.hint}
          </p>
        ) : null}
        {problem ? (
          <p id={`${id}-error`} className="utrecht-form-field-error-message error">
            {t.fouten[problem]}
          </p>
        ) : null}
      </div>
    )
  }
  return (
    <div className="search-fields">
      {field('nummer', t.nummer, { inputMode: 'numeric' })}
      {field('telefoonnummer', t.telefoonnummer, { inputMode: 'tel' })}
      {field('naam', t.naam, { hint: t.naamHint })}
      {field('onderwerp', t.onderwerp)}
      {field('van', t.van, { hint: t.datumHint })}
      {field('tot', t.tot, { hint: t.datumHint })}
    </div>
  )
}
