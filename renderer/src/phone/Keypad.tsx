import { Button } from '@nl-design-system-candidate/button-react'
import { format } from '../i18n/locale'

const TONES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const

/** DTMF keys for menus on the other end; each key is a button, so it works from the keyboard. */
export function Keypad(props: {
  readonly title: string
  readonly keyLabel: string
  readonly onTone: (tone: string) => void
}) {
  return (
    <div role="group" aria-label={props.title} className="keypad">
      {TONES.map((tone) => (
        <Button
          key={tone}
          purpose="secondary"
          aria-label={format(props.keyLabel, { toon: tone })}
          onClick={() => props.onTone(tone)}
        >
          {tone}
        </Button>
      ))}
    </div>
  )
}
