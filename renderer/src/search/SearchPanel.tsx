import { RecentContacts } from '../workspace/RecentContacts'

/**
 * Zoeken in klantcontacten, with "Mijn recente" as a saved filter (gateway
 * `GET /api/klantcontacten/zoeken`, shared/gateway/search.ts). Until the search is built it shows
 * the agent's recent klantcontacten.
 */
export function SearchPanel({ onRefreshRecent }: { readonly onRefreshRecent: () => void }) {
  return <RecentContacts onRefresh={onRefreshRecent} />
}
