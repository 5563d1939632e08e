import { useNow } from '../lib/use-now'

/** mm:ss (or h:mm:ss) since `since`; re-renders once a second while mounted. */
export function CallTimer({ since, label }: { readonly since: number; readonly label: string }) {
  const now = useNow()
  return (
    // role=timer is not live by default, so screen readers are not interrupted every second.
    <span role="timer" aria-label={label} className="call-timer">
      {formatDuration(Math.max(0, now - since))}
    </span>
  )
}

export function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1_000)
  const hours = Math.floor(total / 3_600)
  const minutes = Math.floor((total % 3_600) / 60)
  const seconds = total % 60
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0')
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`
}
