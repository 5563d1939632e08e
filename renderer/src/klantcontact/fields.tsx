import type { ChangeEvent } from 'react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { klantcontactMessages } from './messages'
import { codePoints } from '../../../shared/text/code-points'

/** The ids that describe a control, joined for aria-describedby; `undefined` when none applies. */
export function describedBy(...ids: ReadonlyArray<string | false | undefined>): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '')
  return present.length > 0 ? present.join(' ') : undefined
}

export const errorIdOf = (id: string): string => `${id}-fout`

/** A field error under its control, which points at it with aria-describedby and aria-invalid. */
export function FieldError({ id, error }: { readonly id: string; readonly error: string | undefined }) {
  return error === undefined ? null : (
    <p id={errorIdOf(id)} className="kc-error">
      {error}
    </p>
  )
}

export interface CountedTextProps {
  readonly id: string
  readonly label: string
  readonly value: string
  readonly max: number
  readonly error: string | undefined
  readonly readOnly: boolean
  readonly multiline?: boolean
  readonly required?: boolean
  readonly onChange: (value: string) => void
}

/**
 * A text with a live "n/max" counter, so the agent sees what fits before saving, counted as the
 * register counts (code points, validate.ts). No `maxLength` attribute: it counts UTF-16 units and
 * silently cuts off a paste, while the agent should see what does not fit and shorten it. Past the
 * limit the counter becomes the error text and the control is marked invalid (WCAG 2.1 SC 3.3.1).
 */
export function CountedText(props: CountedTextProps) {
  const t = useMessages(klantcontactMessages).form
  const { id, label, value, max, error, readOnly, multiline = false, required = false } = props
  const count = codePoints(value)
  const over = count - max
  const counterId = `${id}-teller`
  const control = {
    id,
    value,
    readOnly,
    required,
    'aria-invalid': error !== undefined || over > 0 ? true : undefined,
    'aria-describedby': describedBy(counterId, error !== undefined && errorIdOf(id)),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      props.onChange(event.target.value),
  }
  return (
    <div className="kc-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={6} {...control} /> : <input type="text" autoComplete="off" {...control} />}
      <p id={counterId} className={over > 0 ? 'kc-counter kc-counter-over' : 'kc-counter'}>
        {over > 0 ? format(t.counterOver, { count, max, over }) : format(t.counter, { count, max })}
      </p>
      <FieldError id={id} error={error} />
    </div>
  )
}
