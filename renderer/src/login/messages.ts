import type { Catalog } from '../i18n/locale'

export const loginMessages: Catalog<{
  title: string
  intro: string
  login: string
  password: string
  submit: string
  busy: string
  loginMissing: string
  passwordMissing: string
  notifications: string
  ssoIntro: string
  ssoDefaultLabel: string
  ssoBusy: string
  passwordOr: string
  waitingTitle: string
  waiting: string
  cancel: string
}> = {
  nl: {
    title: 'Inloggen',
    intro: 'Log in met uw gebruikersnaam en wachtwoord van de KCC Werkplek.',
    login: 'Gebruikersnaam',
    password: 'Wachtwoord',
    submit: 'Inloggen',
    busy: 'Bezig met inloggen…',
    loginMissing: 'Vul uw gebruikersnaam in.',
    passwordMissing: 'Vul uw wachtwoord in.',
    notifications:
      'Na het inloggen vraagt de browser of de KCC Werkplek u meldingen mag sturen, zodat u een melding krijgt als er een gesprek binnenkomt terwijl u in een ander venster werkt.',
    ssoIntro: 'Meld u aan met het account van uw gemeente.',
    ssoDefaultLabel: 'Aanmelden met uw account van de gemeente',
    ssoBusy: 'Bezig met aanmelden…',
    passwordOr: 'Of log in met een gebruikersnaam en wachtwoord van de KCC Werkplek',
    waitingTitle: 'Aanmelden in de browser',
    waiting:
      'Meld u aan in het browservenster dat is geopend. Daarna komt u vanzelf terug in de KCC Werkplek.',
    cancel: 'Annuleren',
  },
}
