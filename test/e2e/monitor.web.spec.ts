import type { Page } from '@playwright/test'
import type { MonitorMode } from '../../shared/live/protocol'
import { expectNoAxeViolations } from './support/axe'
import { expect, SIP_BACKENDS, test, type KccRig } from './support/kcc-rig'
import { callerDials, loginAgent, openPage } from './support/pages'
import { phone } from './support/transfer-flow'
import { heardTones, TONE, useTone } from './support/tones'
import { audioFlow } from './support/webrtc-stats'

/**
 * Monitoring in the browser (docs/supervisor.md): a supervisor listens in on, whispers to or barges
 * into medewerker1's call with a citizen, against both SIP servers. Every microphone is a tone of
 * its own (support/tones.ts), so each check is about what a person hears: the supervisor both
 * parties; the agent the supervisor only when whispered to or barged in on; the citizen the
 * supervisor only in a barge.
 */
const PRESENT_DB = 25
const ABSENT_DB = 10

const BUTTON: Record<MonitorMode, string> = {
  listen: 'Meeluisteren',
  whisper: 'Fluisteren',
  barge: 'Inbreken',
}
const NOTICE: Record<MonitorMode, RegExp> = {
  listen: /^Supervisor KCC luistert mee met dit gesprek\.$/,
  whisper: /^Supervisor KCC luistert mee en kan tegen u fluisteren/,
  barge: /^Supervisor KCC neemt deel aan dit gesprek/,
}

const session = (supervisor: Page) => supervisor.getByRole('region', { name: 'Meeluistersessie' })
const notice = (agent: Page) => agent.locator('.monitor-notice')
const controls = (supervisor: Page) =>
  supervisor
    .getByRole('region', { name: 'Teamoverzicht' })
    .getByRole('group', { name: 'Meeluisteren met Medewerker 1 (KCC)' })

/** The three people of a monitored call, each with their own tone, the citizen talking to medewerker1. */
async function monitoredCall(browser: Parameters<typeof openPage>[0], rig: KccRig) {
  const supervisor = await openPage(browser)
  const agent = await openPage(browser)
  const caller = await openPage(browser)
  await useTone(supervisor, TONE.supervisor)
  await useTone(agent, TONE.agent)
  await useTone(caller, TONE.caller)
  await loginAgent(supervisor, rig, 'supervisor')
  await loginAgent(agent, rig, 'medewerker1')
  await callerDials(caller, rig)
  await phone(agent).getByRole('button', { name: 'Opnemen' }).click()
  await expect(phone(agent).getByText('In gesprek')).toBeVisible()
  return { supervisor, agent, caller }
}

/** Waits until `page` hears `hz` clearly; answers the level it settled at. */
async function expectHears(page: Page, hz: number, who: string): Promise<void> {
  await expect
    .poll(async () => (await heardTones(page, [hz]))[hz], {
      timeout: 15_000,
      message: `${who} hears ${hz} Hz`,
    })
    .toBeGreaterThan(PRESENT_DB)
}

async function expectDoesNotHear(page: Page, hz: number, who: string): Promise<void> {
  const level = (await heardTones(page, [hz]))[hz]
  expect(level ?? -Infinity, `${who} must not hear ${hz} Hz`).toBeLessThan(ABSENT_DB)
}

for (const backend of SIP_BACKENDS) {
  test.describe(`monitoring with the ${backend} SIP server`, () => {
    test.use({ sipBackend: backend })
    // Three pages with WebRTC and WebAudio analysis on two cores: slower than the other specs.
    test.setTimeout(120_000)

    for (const mode of ['listen', 'whisper', 'barge'] as const) {
      test(`${BUTTON[mode]}: the supervisor hears both parties, and is heard only where ${mode} allows`, async ({
        rig,
        browser,
      }) => {
        const { supervisor, agent, caller } = await monitoredCall(browser, rig)
        await expectHears(caller, TONE.agent, 'the citizen')

        await controls(supervisor).getByRole('button', { name: BUTTON[mode] }).click()
        await expect(session(supervisor).getByRole('status')).toHaveAttribute('data-status', 'connected')
        await expect(notice(agent)).toHaveText(NOTICE[mode])
        await expect(supervisor.getByRole('row', { name: /^Medewerker 1/ })).toContainText(
          'Meegeluisterd door Supervisor KCC',
        )

        // The supervisor receives audio (RTP) and hears both the citizen and the agent in it.
        const before = await audioFlow(supervisor)
        await expectHears(supervisor, TONE.caller, 'the supervisor')
        await expectHears(supervisor, TONE.agent, 'the supervisor')
        expect((await audioFlow(supervisor)).bytesReceived).toBeGreaterThan(before.bytesReceived + 2000)
        // The conversation itself goes on as before.
        await expectHears(agent, TONE.caller, 'the agent')
        await expectHears(caller, TONE.agent, 'the citizen')

        switch (mode) {
          case 'listen':
            await expectDoesNotHear(agent, TONE.supervisor, 'the agent')
            await expectDoesNotHear(caller, TONE.supervisor, 'the citizen')
            break
          case 'whisper':
            await expectHears(agent, TONE.supervisor, 'the agent')
            await expectDoesNotHear(caller, TONE.supervisor, 'the citizen')
            break
          case 'barge':
            await expectHears(agent, TONE.supervisor, 'the agent')
            await expectHears(caller, TONE.supervisor, 'the citizen')
            break
        }
        // Back to the top: axe cannot tell the background of what the sticky phone strip covers
        // once the click on the row scrolled the Teamoverzicht up under it.
        await supervisor.evaluate(() => window.scrollTo(0, 0))
        await expectNoAxeViolations(supervisor)
        await expectNoAxeViolations(agent)

        await session(supervisor).getByRole('button', { name: 'Stoppen' }).click()
        await expect(session(supervisor)).toHaveCount(0)
        await expect(notice(agent)).toHaveCount(0)
        await expect(supervisor.getByRole('row', { name: /^Medewerker 1/ })).not.toContainText(
          'Meegeluisterd',
        )
        // Back to two: the citizen no longer hears the supervisor, and still hears the agent.
        await expectHears(caller, TONE.agent, 'the citizen')
        await expect
          .poll(async () => (await heardTones(caller, [TONE.supervisor]))[TONE.supervisor] ?? -Infinity)
          .toBeLessThan(ABSENT_DB)
        await expectDoesNotHear(agent, TONE.supervisor, 'the agent')
      })
    }

    test('the citizen hanging up ends the monitoring, at both ends', async ({ rig, browser }) => {
      const { supervisor, agent, caller } = await monitoredCall(browser, rig)
      await controls(supervisor).getByRole('button', { name: 'Meeluisteren' }).click()
      await expect(session(supervisor).getByRole('status')).toHaveAttribute('data-status', 'connected')
      await expect(notice(agent)).toBeVisible()

      await caller.getByRole('button', { name: 'Ophangen' }).click()
      await expect(notice(agent)).toHaveCount(0)
      await expect(session(supervisor)).toHaveCount(0)
      await expect(supervisor.getByRole('row', { name: /^Medewerker 1/ })).not.toContainText('Meegeluisterd')
    })
  })
}
