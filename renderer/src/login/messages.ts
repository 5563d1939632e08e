import type { Catalog } from '../i18n/locale'

export const loginMessages: Catalog<{
  title: string
  intro: string
  login: string
  password: string
  submit: string
  busy: string
}> = {
  nl: {
    title: 'Inloggen',
    intro: 'Log in met uw gebruikersnaam en wachtwoord van de KCC Werkplek.',
    login: 'Gebruikersnaam',
    password: 'Wachtwoord',
    submit: 'Inloggen',
    busy: 'Bezig met inloggen…',
  },
}
