import { useCallback, useEffect, useState } from 'react'
import type { KlantcontactSearchQuery, KlantcontactSearchView } from '../../../shared/gateway/search'
import { GatewayError } from '../api/errors'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger } from '../log'
import { useAppStore } from '../store'
import type { Loadable } from '../workspace/workspace-slice'
import { MIJN_RECENTE } from './search-query'

const log = createLogger('search')

/** What the results show: the saved filter Mijn recente, or a search the agent made. */
export type SearchFilter =
  { readonly kind: 'mijn' } | { readonly kind: 'zoeken'; readonly query: KlantcontactSearchQuery }

/**
 * The page of results to show. The first page of Mijn recente is the store's (the runtime keeps it
 * fresh); any other page, and every search, is fetched here, and an answer that arrives after the
 * agent asked for something else is dropped.
 */
export function useSearchResults(
  api: Pick<GatewayApi, 'searchKlantcontacten'>,
  filter: SearchFilter,
  page: number,
  refreshRecent: () => void,
): { shown: Loadable<KlantcontactSearchView>; refresh: () => void } {
  const recent = useAppStore((s) => s.workspace.recent)
  const [round, setRound] = useState(0)
  const fromStore = filter.kind === 'mijn' && page === 1
  // Which request an answer belongs to: until the one asked for last has answered, it is loading.
  const key = JSON.stringify({ filter, page, round })
  const [fetched, setFetched] = useState<{ key: string; value: Loadable<KlantcontactSearchView> }>({
    key: '',
    value: { status: 'idle' },
  })

  useEffect(() => {
    if (fromStore) {
      return undefined
    }
    let current = true
    const query = filter.kind === 'mijn' ? MIJN_RECENTE : filter.query
    api
      .searchKlantcontacten({ ...query, page })
      .then((value) => {
        if (current) {
          setFetched({ key, value: { status: 'ready', value } })
        }
      })
      .catch((error: unknown) => {
        // The kind only: a message could carry the request's URL, and its query is personal data.
        const kind = error instanceof GatewayError ? error.kind : 'unexpected'
        log.warn({ kind }, 'search failed')
        if (current) {
          setFetched({ key, value: { status: 'failed', error: kind } })
        }
      })
    return () => {
      current = false
    }
  }, [api, filter, page, fromStore, key])

  const refresh = useCallback(() => {
    if (fromStore) {
      refreshRecent()
    } else {
      setRound((n) => n + 1)
    }
  }, [fromStore, refreshRecent])

  const shown: Loadable<KlantcontactSearchView> = fromStore
    ? recent
    : fetched.key === key
      ? fetched.value
      : { status: 'loading' }
  return { shown, refresh }
}
