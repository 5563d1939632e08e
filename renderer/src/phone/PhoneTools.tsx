import { useState } from 'react'
import { useMessages } from '../i18n/use-messages'
import { useServices } from '../services/context'
import { isLive } from '../softphone/states'
import { useAppStore } from '../store'
import { DeviceSettings } from './DeviceSettings'
import { DialForm } from './DialForm'
import { MicIcon, MicOffIcon } from './icons'
import { Keypad } from './Keypad'
import { phoneMessages } from './messages'
import { Popover } from './Popover'
import { ShortcutButton } from './ShortcutButton'

/**
 * The strip's right-hand tools, always in the same place: the microphone (one for the customer
 * and a consult alike; pressed, red and crossed out while off), the keypad during a call, dialling
 * when there is no call, and the sound devices.
 */
export function PhoneTools(props: { readonly run: (action: () => Promise<void> | void) => void }) {
  const t = useMessages(phoneMessages)
  const { softphone } = useServices()
  const phone = useAppStore((s) => s.workspace.phone)
  const directory = useAppStore((s) => s.workspace.directory)
  const session = useAppStore((s) => s.workspace.session)
  const ownLogin = session.status === 'active' ? session.agent.login : ''
  const [open, setOpen] = useState<'keypad' | 'dial' | 'devices' | undefined>()
  const toggle = (which: 'keypad' | 'dial' | 'devices') => (next: boolean) =>
    setOpen(next ? which : undefined)
  const { run } = props
  const call = phone.call
  const live = call !== null && isLive(call.state)
  const talking =
    call !== null && (call.state === 'connecting' || call.state === 'active' || call.state === 'on_hold')
  const muted = talking && call.muted

  return (
    <div className="phone-tools">
      <ShortcutButton
        purpose="secondary"
        shortcut="mute"
        toggle
        pressed={muted}
        className={muted ? 'phone-muted' : undefined}
        icon={muted ? <MicOffIcon /> : <MicIcon />}
        disabled={!talking}
        onClick={() => {
          if (talking) {
            run(() => softphone.mute(!call.muted))
          }
        }}
      >
        {t.mute}
      </ShortcutButton>
      <Popover
        label={t.keypad}
        open={open === 'keypad'}
        onOpenChange={toggle('keypad')}
        disabled={call?.state !== 'active'}
      >
        <Keypad
          title={t.keypad}
          keyLabel={t.keypadLabel}
          onTone={(tone) => run(() => softphone.sendDtmf(tone))}
        />
      </Popover>
      <Popover
        label={t.dialTitle}
        open={open === 'dial'}
        onOpenChange={toggle('dial')}
        disabled={live || phone.registration !== 'registered'}
      >
        <DialForm
          directory={directory.status === 'ready' ? directory.value : undefined}
          ownLogin={ownLogin}
          disabled={live || phone.registration !== 'registered'}
          onDial={(target) => {
            setOpen(undefined)
            run(() => softphone.call(target))
          }}
        />
      </Popover>
      <Popover label={t.devices} open={open === 'devices'} onOpenChange={toggle('devices')}>
        <DeviceSettings />
      </Popover>
    </div>
  )
}
