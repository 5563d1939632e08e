import { useState } from 'react'
import { useMessages } from '../i18n/use-messages'
import { describedBy, errorIdOf, FieldError } from './fields'
import { fromNlDateTime, parseNlDate, parseNlTime, toNlDate, toNlTime } from './local-time'
import { klantcontactMessages } from './messages'

export interface DateTimeFieldProps {
  /** The date field's id (the one focus goes to for plaatsgevondenOp); the time field adds `-tijd`. */
  readonly id: string
  /** ISO 8601, or "" while what the agent typed is not a time. */
  readonly value: string
  readonly error: string | undefined
  readonly readOnly: boolean
  readonly onChange: (iso: string) => void
}

/**
 * "Plaatsgevonden op" as a Dutch date (dd-mm-jjjj) and a 24-hour time (uu:mm) in two labelled text
 * fields, grouped under one legend, so it reads the same in every browser language. What the agent
 * types stays as typed; the draft gets the ISO time once both parts are valid ("" before). A part
 * that does not read as a date or time says so when the agent leaves it (WCAG 2.1 SC 3.3.1).
 */
export function DateTimeField({ id, value, error, readOnly, onChange }: DateTimeFieldProps) {
  const f = useMessages(klantcontactMessages).form
  const [date, setDate] = useState(() => toNlDate(value))
  const [time, setTime] = useState(() => toNlTime(value))
  const [touched, setTouched] = useState({ date: false, time: false })
  // A time set from elsewhere (the answer time replacing the ring time) shows; what the agent is
  // still typing ("" in the draft) stays. Adjusted while rendering, as React advises over an effect.
  if (value !== '' && !sameMinute(fromNlDateTime(date, time), value)) {
    setDate(toNlDate(value))
    setTime(toNlTime(value))
  }

  const change = (nextDate: string, nextTime: string): void => {
    setDate(nextDate)
    setTime(nextTime)
    onChange(fromNlDateTime(nextDate, nextTime))
  }

  const timeId = `${id}-tijd`
  const dateFormat = touched.date && parseNlDate(date) === undefined ? f.datumFormaat : undefined
  const timeFormat = touched.time && parseNlTime(time) === undefined ? f.tijdFormaat : undefined
  const ids = {
    dateHint: `${id}-hint`,
    timeHint: `${timeId}-hint`,
    dateFormat: `${id}-formaat`,
    timeFormat: `${timeId}-formaat`,
  }
  const groupError = dateFormat === undefined && timeFormat === undefined ? error : undefined

  return (
    <fieldset
      className="kc-datetime utrecht-form-fieldset"
      aria-describedby={describedBy(groupError !== undefined && errorIdOf(id))}
    >
      <legend className="utrecht-form-fieldset__legend">{f.plaatsgevondenOp}</legend>
      <div className="kc-datetime-parts">
        <div className="kc-field">
          <label htmlFor={id}>{f.datum}</label>
          <input
            id={id}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            className="utrecht-textbox utrecht-textbox--html-input"
            size={10}
            value={date}
            readOnly={readOnly}
            aria-invalid={error !== undefined || dateFormat !== undefined ? true : undefined}
            aria-describedby={describedBy(
              ids.dateHint,
              dateFormat !== undefined && ids.dateFormat,
              groupError !== undefined && errorIdOf(id),
            )}
            onChange={(event) => change(event.target.value, time)}
            onBlur={() => setTouched((t) => ({ ...t, date: true }))}
          />
          <p id={ids.dateHint} className="kc-hint">
            {f.datumHint}
          </p>
          {dateFormat !== undefined ? (
            <p id={ids.dateFormat} className="kc-error utrecht-form-field-error-message">
              {dateFormat}
            </p>
          ) : null}
        </div>
        <div className="kc-field">
          <label htmlFor={timeId}>{f.tijd}</label>
          <input
            id={timeId}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            className="utrecht-textbox utrecht-textbox--html-input"
            size={5}
            value={time}
            readOnly={readOnly}
            aria-invalid={error !== undefined || timeFormat !== undefined ? true : undefined}
            aria-describedby={describedBy(ids.timeHint, timeFormat !== undefined && ids.timeFormat)}
            onChange={(event) => change(date, event.target.value)}
            onBlur={() => setTouched((t) => ({ ...t, time: true }))}
          />
          <p id={ids.timeHint} className="kc-hint">
            {f.tijdHint}
          </p>
          {timeFormat !== undefined ? (
            <p id={ids.timeFormat} className="kc-error utrecht-form-field-error-message">
              {timeFormat}
            </p>
          ) : null}
        </div>
      </div>
      {groupError !== undefined ? <FieldError id={id} error={groupError} /> : null}
    </fieldset>
  )
}

function sameMinute(a: string, b: string): boolean {
  const minute = (iso: string): number => Math.floor(Date.parse(iso) / 60_000)
  return a !== '' && minute(a) === minute(b)
}
