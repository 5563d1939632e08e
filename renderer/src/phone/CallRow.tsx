import type { ReactNode } from 'react'
import { CallTimer } from './CallTimer'

/**
 * One call in the phone strip: what it is (its state and who), how long, and its own buttons, in
 * fixed places so nothing moves when the state changes.
 */
export function CallRow(props: {
  readonly kind: 'call' | 'customer' | 'consult'
  readonly label: string
  readonly state: string
  readonly party?: ReactNode
  readonly since?: number
  readonly timerLabel: string
  readonly extra?: ReactNode
  readonly children?: ReactNode
}) {
  return (
    <div
      className={`phone-row phone-row-${props.kind}`}
      data-row={props.kind}
      aria-label={props.label}
      role="group"
    >
      <p className="phone-row-what">
        <strong className="phone-row-state">{props.state}</strong>
        {props.party !== undefined ? <span className="phone-row-party">{props.party}</span> : null}
        {props.since !== undefined ? <CallTimer since={props.since} label={props.timerLabel} /> : null}
        {props.extra}
      </p>
      <div className="phone-row-actions">{props.children}</div>
    </div>
  )
}
