import { useEffect, useState } from 'react'
import { useMessages } from '../i18n/use-messages'
import { createLogger } from '../log'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { phoneMessages } from './messages'

const log = createLogger('devices')

interface Device {
  readonly id: string
  readonly label: string
}

/** Microphone and speaker choice (in the strip's Geluid popover); the lists refresh when devices come and go. */
export function DeviceSettings() {
  const t = useMessages(phoneMessages)
  const { softphone } = useServices()
  const chosen = useAppStore((s) => s.workspace.phone.devices)
  const [devices, setDevices] = useState<{ microphones: readonly Device[]; speakers: readonly Device[] }>({
    microphones: [],
    speakers: [],
  })

  useEffect(() => {
    let cancelled = false
    const load = () => {
      softphone
        .listDevices()
        .then((list) => {
          if (!cancelled) {
            setDevices(list)
          }
        })
        .catch((error: unknown) => log.warn({ error: String(error) }, 'device list failed'))
    }
    load()
    navigator.mediaDevices?.addEventListener('devicechange', load)
    return () => {
      cancelled = true
      navigator.mediaDevices?.removeEventListener('devicechange', load)
    }
  }, [softphone])

  const choose = (change: { microphoneId?: string; speakerId?: string }) => {
    softphone
      .setDevices(change)
      .catch((error: unknown) => log.warn({ error: String(error) }, 'device choice failed'))
  }

  return (
    <div className="devices" role="group" aria-label={t.devices}>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="device-microphone">
          {t.microphone}
        </label>
        <select
          id="device-microphone"
          className="utrecht-select utrecht-select--html-select"
          value={chosen?.microphoneId ?? ''}
          onChange={(event) => choose({ microphoneId: event.target.value })}
        >
          <option value="">{t.deviceDefault}</option>
          {devices.microphones.map((d, index) => (
            <option key={d.id} value={d.id}>
              {d.label || `${t.microphone} ${index + 1}`}
            </option>
          ))}
        </select>
      </div>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="device-speaker">
          {t.speaker}
        </label>
        <select
          id="device-speaker"
          className="utrecht-select utrecht-select--html-select"
          value={chosen?.speakerId ?? ''}
          onChange={(event) => choose({ speakerId: event.target.value })}
        >
          <option value="">{t.deviceDefault}</option>
          {devices.speakers.map((d, index) => (
            <option key={d.id} value={d.id}>
              {d.label || `${t.speaker} ${index + 1}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}
