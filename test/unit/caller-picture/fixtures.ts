import type { KlantbeeldView, KlantcontactSummaryView } from '../../../shared/gateway/klantbeeld'

export const JAN = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }

export const summary = (changes: Partial<KlantcontactSummaryView> = {}): KlantcontactSummaryView => ({
  uuid: 'k-1',
  nummer: '26000001',
  kanaal: 'Telefoon',
  onderwerp: 'Dakkapel vergunning',
  plaatsgevondenOp: '2026-12-01T10:00:00Z',
  medewerkers: ['Anna Jansen'],
  indicatieContactGelukt: true,
  vertrouwelijk: false,
  afgeschermd: false,
  afhandeling: null,
  ...changes,
})

export const picture = (changes: Partial<KlantbeeldView> = {}): KlantbeeldView => ({
  partijen: [JAN],
  klantcontacten: [
    summary(),
    summary({
      uuid: 'k-2',
      nummer: '26000002',
      onderwerp: null,
      vertrouwelijk: true,
      afgeschermd: true,
      plaatsgevondenOp: '2026-11-25T12:00:00Z',
    }),
  ],
  contactverzoeken: [
    {
      uuid: 't-1',
      nummer: null,
      gevraagdeHandeling: 'Terugbellen over de vergunning',
      toegewezenAan: ['Vergunningen'],
      toegewezenOp: '2026-12-01T10:05:00Z',
      klantcontactNummer: '26000001',
    },
  ],
  ...changes,
})
