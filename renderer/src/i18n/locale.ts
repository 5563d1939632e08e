/**
 * Texts of the UI. The agent app speaks Dutch; every text sits in a per-feature catalog keyed by
 * locale, so another language is one more entry per catalog and no component changes. Components
 * take their catalog through {@link useMessages}; placeholders are `{name}`, filled by {@link format}.
 */
export const LOCALES = ['nl'] as const
export type Locale = (typeof LOCALES)[number]

export const DEFAULT_LOCALE: Locale = 'nl'

/** A feature's texts in every locale; `nl` is the reference shape. */
export type Catalog<T> = { readonly [L in Locale]: T }

export function messagesOf<T>(catalog: Catalog<T>, locale: Locale = DEFAULT_LOCALE): T {
  return catalog[locale]
}

/** Fills `{name}` placeholders; an unknown placeholder stays as written, so a gap shows in review. */
export function format(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}
