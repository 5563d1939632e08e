import type { Page } from '@playwright/test'

/**
 * Test instrumentation for who hears whom (docs/supervisor.md): each page's microphone is replaced
 * by a sine tone of its own frequency, and what a page plays (every media element playing a
 * MediaStream: the softphone's call audio, the monitor call's, the caller page's) can be analysed
 * for those frequencies. So "the customer hears the supervisor" is a peak at the supervisor's
 * frequency in what the caller page plays. Call `useTone` before the page loads the app.
 */
/** Apart from each other's harmonics and sums (a codec's distortion products), so a peak means that voice. */
export const TONE = { caller: 440, agent: 700, supervisor: 1930 } as const

/** Runs in the page (serialised by Playwright): it may use nothing from this module. */
function installTone(hz: number): void {
  const page = window as unknown as { __kccPlayed?: Set<HTMLMediaElement> }
  if (page.__kccPlayed) {
    return
  }
  const played = new Set<HTMLMediaElement>()
  page.__kccPlayed = played
  const play = HTMLMediaElement.prototype.play
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    played.add(this)
    return play.call(this)
  }
  const devices = navigator.mediaDevices
  const getUserMedia = devices.getUserMedia.bind(devices)
  let context: AudioContext | undefined
  devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    if (!constraints?.audio || constraints.video) {
      return getUserMedia(constraints)
    }
    context ??= new AudioContext()
    await context.resume()
    const oscillator = context.createOscillator()
    oscillator.frequency.value = hz
    const gain = context.createGain()
    gain.gain.value = 0.25
    const destination = context.createMediaStreamDestination()
    oscillator.connect(gain).connect(destination)
    oscillator.start()
    return destination.stream
  }
}

/** The page's microphone is a tone of `hz` from its next load on. */
export async function useTone(page: Page, hz: number): Promise<void> {
  await page.addInitScript(installTone, hz)
}

/**
 * How far above the spectrum's median (dB) each of `frequencies` stands in what the page plays
 * right now, the loudest of its playing streams per frequency, in the spectrum averaged over about
 * a second. A tone that is there stands 30 dB and more above; one that is not, within a few dB.
 */
export async function heardTones(
  page: Page,
  frequencies: readonly number[],
): Promise<Record<number, number>> {
  return page.evaluate(async (hzs) => {
    const played = (window as unknown as { __kccPlayed?: Set<HTMLMediaElement> }).__kccPlayed
    if (!played) {
      throw new Error('media is not tracked: call useTone() before page.goto()')
    }
    const streams = [...played]
      .filter((element) => !element.paused && element.srcObject instanceof MediaStream)
      .map((element) => element.srcObject as MediaStream)
      .filter((stream) => stream.getAudioTracks().some((track) => track.readyState === 'live'))
    const context = new AudioContext()
    await context.resume()
    const size = 8192
    const analysers = streams.map((stream) => {
      const analyser = context.createAnalyser()
      analyser.fftSize = size
      analyser.smoothingTimeConstant = 0.5
      context.createMediaStreamSource(stream).connect(analyser)
      return analyser
    })
    const binHz = context.sampleRate / size
    // The spectrum averaged over about a second: a steady tone stays, the codec's noise evens out.
    const sums = analysers.map((analyser) => new Float64Array(analyser.frequencyBinCount))
    const frames = 10
    for (let frame = 0; frame < frames; frame++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      for (const [i, analyser] of analysers.entries()) {
        const data = new Float32Array(analyser.frequencyBinCount)
        analyser.getFloatFrequencyData(data)
        const sum = sums[i]!
        for (let bin = 0; bin < data.length; bin++) {
          // Silence is -Infinity dB; the analyser's floor keeps the average finite.
          sum[bin]! += Number.isFinite(data[bin]!) ? data[bin]! : analyser.minDecibels
        }
      }
    }
    const levels: Record<number, number> = Object.fromEntries(hzs.map((hz) => [hz, -Infinity]))
    for (const sum of sums) {
      const spectrum = [...sum].map((value) => value / frames)
      const band = spectrum.slice(Math.floor(100 / binHz), Math.ceil(4000 / binHz)).sort((a, b) => a - b)
      const median = band[Math.floor(band.length / 2)] ?? -200
      for (const hz of hzs) {
        const bin = Math.round(hz / binHz)
        const peak = Math.max(...spectrum.slice(bin - 2, bin + 3))
        levels[hz] = Math.max(levels[hz] ?? -Infinity, peak - median)
      }
    }
    await context.close()
    return levels
  }, frequencies)
}
