/**
 * The browser's Notification API behind a small port, so the ring alerts can be tested without a
 * browser and the web build works where there is none (an embedded browser, or one that blocks it).
 */
export interface ShownNotification {
  close(): void
}

export interface NotificationPort {
  permission(): NotificationPermission
  /** Asks the browser once; resolves to the permission the agent gave (or had given). */
  request(): Promise<NotificationPermission>
  show(title: string, onClick: () => void): ShownNotification
}

/** One tag for every ring: a newer call's notification replaces the older one. */
export const RING_TAG = 'kcc-inkomend-gesprek'

export function browserNotifications(
  win: { readonly Notification?: typeof Notification } = window,
): NotificationPort | undefined {
  const Api = win.Notification
  if (Api === undefined) {
    return undefined
  }
  return {
    permission: () => Api.permission,
    request: async () => {
      try {
        return await Api.requestPermission()
      } catch {
        return Api.permission
      }
    },
    show: (title, onClick) => {
      // requireInteraction: it stays until the ring ends (we close it) or the agent acts on it.
      const notification = new Api(title, { tag: RING_TAG, requireInteraction: true })
      notification.onclick = () => {
        onClick()
        notification.close()
      }
      return notification
    },
  }
}
