/** Small line icons for the phone strip's buttons; decorative (the buttons carry their labels). */
const frame = {
  width: 16,
  height: 16,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  focusable: 'false' as const,
  'aria-hidden': true,
}

export function MicIcon() {
  return (
    <svg {...frame}>
      <rect x="9" y="2" width="6" height="12" rx="3" />
      <path d="M5 10a7 7 0 0 0 14 0M12 17v5" />
    </svg>
  )
}

export function MicOffIcon() {
  return (
    <svg {...frame}>
      <path d="M3 3l18 18M9 9v1a3 3 0 0 0 5 2.2M15 9.3V5a3 3 0 0 0-5.7-1.3M5 10a7 7 0 0 0 11.5 5.3M19 10a7 7 0 0 1-.6 2.8M12 17v5" />
    </svg>
  )
}

export function PhoneIcon() {
  return (
    <svg {...frame}>
      <path d="M22 16.9v3a2 2 0 0 1-2.2 2A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z" />
    </svg>
  )
}

export function HangUpIcon() {
  return (
    <svg {...frame}>
      <path d="M3 14.5c5-4.7 13-4.7 18 0l-2.2 2.3-3.3-1.6v-2.4a11 11 0 0 0-7 0v2.4l-3.3 1.6z" />
    </svg>
  )
}

export function PauseIcon() {
  return (
    <svg {...frame}>
      <path d="M9 5v14M15 5v14" />
    </svg>
  )
}

export function PlayIcon() {
  return (
    <svg {...frame}>
      <path d="M7 5l12 7-12 7z" />
    </svg>
  )
}

export function TransferIcon() {
  return (
    <svg {...frame}>
      <path d="M4 12h14M13 6l6 6-6 6" />
    </svg>
  )
}
