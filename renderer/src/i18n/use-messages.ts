import { createContext, useContext } from 'react'
import { DEFAULT_LOCALE, messagesOf, type Catalog, type Locale } from './locale'

export const LocaleContext = createContext<Locale>(DEFAULT_LOCALE)

/** The feature's texts in the app's current locale. */
export function useMessages<T>(catalog: Catalog<T>): T {
  return messagesOf(catalog, useContext(LocaleContext))
}
