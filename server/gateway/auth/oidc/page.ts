import { createHash } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import type { ClaimsRefusal } from './claims'

/**
 * The page a medewerker sees in the browser when single sign-on ends without a session: refused
 * (no mapped group, no afdeling, a clash with a colleague's extension), the provider's error, or a
 * sign-in that expired. It names the reason in Dutch and what to do, never anything the provider
 * or the request sent: only fixed texts appear on it. Its own Content-Security-Policy allows its one
 * inline style (by hash) and nothing else.
 */
export type RefusalReason =
  ClaimsRefusal | 'in-gebruik' | 'geweigerd-door-idp' | 'verlopen' | 'ongeldig-antwoord' | 'idp-onbereikbaar'

const MESSAGES: Record<RefusalReason, { status: number; title: string; text: string }> = {
  'geen-login': {
    status: 403,
    title: 'Aanmelden niet gelukt',
    text: 'Uw gemeente-account geeft geen gebruikersnaam door. Neem contact op met de functioneel beheerder.',
  },
  'geen-email': {
    status: 403,
    title: 'Aanmelden niet gelukt',
    text: 'Uw gemeente-account geeft geen geldig e-mailadres door. Neem contact op met de functioneel beheerder.',
  },
  'ongeldig-toestel': {
    status: 403,
    title: 'Aanmelden niet gelukt',
    text: 'Voor uw gemeente-account is geen geldig toestelnummer bekend. Neem contact op met de functioneel beheerder.',
  },
  'geen-rol': {
    status: 403,
    title: 'Geen toegang',
    text: 'Uw gemeente-account geeft geen toegang tot het klantcontactcentrum: u bent geen lid van een groep voor medewerkers of supervisors. Vraag uw leidinggevende om toegang.',
  },
  'geen-afdeling': {
    status: 403,
    title: 'Geen toegang',
    text: 'Uw gemeente-account is niet gekoppeld aan een afdeling van het klantcontactcentrum. Vraag uw leidinggevende om toegang.',
  },
  'in-gebruik': {
    status: 403,
    title: 'Aanmelden niet gelukt',
    text: 'Uw toestelnummer of e-mailadres is al van een andere medewerker. Neem contact op met de functioneel beheerder.',
  },
  'geweigerd-door-idp': {
    status: 403,
    title: 'Aanmelden niet gelukt',
    text: 'Het aanmelden bij de gemeente is afgebroken of niet gelukt. Probeer het opnieuw.',
  },
  verlopen: {
    status: 400,
    title: 'Aanmelding verlopen',
    text: 'Deze aanmelding is verlopen of al gebruikt. Begin opnieuw vanuit de KCC-applicatie.',
  },
  'ongeldig-antwoord': {
    status: 502,
    title: 'Aanmelden niet gelukt',
    text: 'Het antwoord van de aanmeldvoorziening van de gemeente kon niet worden gecontroleerd. Probeer het opnieuw; blijft dit gebeuren, meld het dan bij de servicedesk.',
  },
  'idp-onbereikbaar': {
    status: 502,
    title: 'Aanmeldvoorziening niet bereikbaar',
    text: 'De aanmeldvoorziening van de gemeente is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.',
  },
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}h1{font-size:1.5rem}'
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function refusalStatus(reason: RefusalReason): number {
  return MESSAGES[reason].status
}

export function sendRefusal(reply: FastifyReply, reason: RefusalReason): FastifyReply {
  const { status, title, text } = MESSAGES[reason]
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .send(
      `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – KCC</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
<p><a href="/">Terug naar aanmelden</a> (of sluit dit venster en probeer het opnieuw in de KCC-app).</p>
</main></body>
</html>
`,
    )
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
