/**
 * The klantcontact feature (screen pop, form, outbox; docs/agent-app.md): what the rest of the app
 * uses. The store slice itself is bound in store/index.ts.
 */
export { KlantcontactPanel, type KlantcontactPanelProps } from './KlantcontactPanel'
export { KlantcontactForm, type KlantcontactFormProps } from './KlantcontactForm'
export { SavedKlantcontact, type SavedKlantcontactProps } from './SavedKlantcontact'
export { KlantcontactOutbox, retryDelay, type KlantcontactOutboxOptions } from './outbox'
export { startScreenPop, type ScreenPopOptions } from './screen-pop'
export { suggestPartij, type PartijSuggestionDeps } from './partij-suggestion'
export type { KlantcontactSlice, KlantcontactState, OpenForCall } from './slice'
export { draftsOf, type DraftStatus, type KlantcontactDraft } from './draft'
export { PERSIST_KEY, memoryStorage } from './persistence'
