import { nativeImage, type NativeImage } from 'electron'
import type { TrayStatus } from '../../shared/ipc'

/**
 * The tray icons, drawn in code rather than shipped as files: five tiny images are a few lines
 * here, stay sharp at 100 % and 200 % scaling, and cannot go missing from a package. Each status
 * has its own colour AND its own shape, so an agent who cannot tell green from red still reads it
 * (WCAG 1.4.1, use of colour); the tooltip names the status in words as well.
 */

interface Look {
  /** Red, green, blue. */
  readonly colour: readonly [number, number, number]
  /** Whether pixel (x, y), in a 0..1 square with the centre at 0.5, is part of the shape. */
  readonly shape: (x: number, y: number) => boolean
}

const distance = (x: number, y: number): number => Math.hypot(x - 0.5, y - 0.5)
const disc = (x: number, y: number): boolean => distance(x, y) <= 0.44

const LOOKS: Readonly<Record<TrayStatus, Look>> = {
  // A full dot: ready for calls.
  beschikbaar: { colour: [0x1a, 0x7f, 0x37], shape: disc },
  // A dot with a hole: busy on a call.
  in_gesprek: { colour: [0xb3, 0x26, 0x1e], shape: (x, y) => disc(x, y) && distance(x, y) >= 0.18 },
  // Two bars: the pause sign.
  pauze: {
    colour: [0xbf, 0x5f, 0x00],
    shape: (x, y) => y >= 0.12 && y <= 0.88 && ((x >= 0.18 && x <= 0.4) || (x >= 0.6 && x <= 0.82)),
  },
  // A square: finishing the last call's registration.
  nawerk: { colour: [0x0b, 0x5c, 0xad], shape: (x, y) => x >= 0.14 && x <= 0.86 && y >= 0.14 && y <= 0.86 },
  // A ring: no one logged in.
  afgemeld: { colour: [0x6e, 0x77, 0x81], shape: (x, y) => distance(x, y) <= 0.44 && distance(x, y) >= 0.3 },
}

/**
 * The icon's pixels as `nativeImage.createFromBitmap` takes them: `size`×`size`, 4 bytes per pixel
 * in BGRA order, premultiplied (the shapes are fully opaque or fully transparent, so the same).
 */
export function trayIconPixels(status: TrayStatus, size: number): Buffer {
  const { colour, shape } = LOOKS[status]
  const [red, green, blue] = colour
  const pixels = Buffer.alloc(size * size * 4)
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      // Sampled at the pixel's centre.
      if (shape((column + 0.5) / size, (row + 0.5) / size)) {
        pixels.set([blue, green, red, 0xff], (row * size + column) * 4)
      }
    }
  }
  return pixels
}

export function trayIcon(status: TrayStatus): NativeImage {
  const image = nativeImage.createFromBitmap(trayIconPixels(status, 16), { width: 16, height: 16 })
  image.addRepresentation({ scaleFactor: 2, width: 32, height: 32, buffer: trayIconPixels(status, 32) })
  return image
}
