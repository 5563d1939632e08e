import { useEffect, useRef } from 'react'

/**
 * The forms that save (the klantcontact, the colleague's answer) register their save here, so the
 * save shortcut (Ctrl+S) works from any focus in the app, not only inside the form. The form that
 * holds the focus wins; else the one that registered last (the newest form on screen).
 */
interface Registration {
  readonly save: () => void
  readonly contains: (element: Element | null) => boolean
}

const registrations: Registration[] = []

/** Registers `save`; returns the function that takes it off again. */
export function registerSave(
  save: () => void,
  contains: (element: Element | null) => boolean = () => false,
): () => void {
  const registration: Registration = { save, contains }
  registrations.push(registration)
  return () => {
    const index = registrations.indexOf(registration)
    if (index >= 0) {
      registrations.splice(index, 1)
    }
  }
}

/** Runs the active form's save; false when no form is on screen. */
export function saveActiveForm(focused: Element | null): boolean {
  const registration =
    registrations.find((candidate) => candidate.contains(focused)) ?? registrations[registrations.length - 1]
  if (!registration) {
    return false
  }
  registration.save()
  return true
}

/**
 * A form's hook: registers its latest `save` while mounted. Put the returned ref on the `<form>`
 * so the form that holds the focus is the one that saves.
 */
export function useSaveShortcut<E extends Element = HTMLFormElement>(save: () => void) {
  const latest = useRef(save)
  const form = useRef<E>(null)
  useEffect(() => {
    latest.current = save
  })
  useEffect(
    () =>
      registerSave(
        () => latest.current(),
        (element) => element !== null && form.current?.contains(element) === true,
      ),
    [],
  )
  return form
}
