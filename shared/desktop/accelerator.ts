/**
 * Global shortcut accelerators as Electron spells them ("Control+Alt+Shift+O"; see
 * electronjs.org/docs/latest/api/accelerator), checked before `globalShortcut.register` sees them.
 * A global shortcut takes its keys away from every other application on the PC, so the rule is
 * stricter than Electron's: exactly one key, and at least one of Control, Alt, Super or
 * CommandOrControl (Shift alone would steal capital letters from every text field), except for the
 * otherwise unused F13–F24. AltGr is refused: on Dutch and US-International layouts it types
 * characters (€, é). Pure: shared by main (which registers) and the settings form (which explains).
 */

const MODIFIERS = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  control: 'Control',
  ctrl: 'Control',
  command: 'Command',
  cmd: 'Command',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
} as const satisfies Record<string, string>

type Modifier = (typeof MODIFIERS)[keyof typeof MODIFIERS]

/** The order modifiers are written in, so one shortcut has one spelling. */
const MODIFIER_ORDER: readonly Modifier[] = [
  'CommandOrControl',
  'Command',
  'Control',
  'Alt',
  'Shift',
  'Super',
]

/** Modifiers that make a key combination no one types by accident in another application. */
const STRONG: ReadonlySet<Modifier> = new Set<Modifier>([
  'CommandOrControl',
  'Command',
  'Control',
  'Alt',
  'Super',
])

const NAMED_KEYS = [
  'Space',
  'Tab',
  'Backspace',
  'Delete',
  'Insert',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Plus',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
  'numdec',
] as const

const namedKeys: ReadonlyMap<string, string> = new Map(NAMED_KEYS.map((key) => [key.toLowerCase(), key]))

/** The longest accelerator accepted; real ones are far shorter. */
export const ACCELERATOR_MAX_LENGTH = 64

export type AcceleratorCheck =
  | { readonly ok: true; readonly accelerator: string }
  | { readonly ok: false; readonly reason: 'format' | 'modifier' | 'key' }

function keyOf(part: string): { key: string; function: number | undefined } | undefined {
  if (/^[A-Za-z0-9]$/.test(part)) {
    return { key: part.toUpperCase(), function: undefined }
  }
  const fn = /^[Ff]([1-9]|1[0-9]|2[0-4])$/.exec(part)
  if (fn?.[1] !== undefined) {
    return { key: `F${fn[1]}`, function: Number(fn[1]) }
  }
  const named = namedKeys.get(part.toLowerCase())
  return named === undefined ? undefined : { key: named, function: undefined }
}

/** Checks `input` and returns it in its one spelling (modifiers ordered, keys capitalised). */
export function checkAccelerator(input: string): AcceleratorCheck {
  if (input.length === 0 || input.length > ACCELERATOR_MAX_LENGTH || !/^[A-Za-z0-9+]+$/.test(input)) {
    return { ok: false, reason: 'format' }
  }
  const parts = input.split('+')
  if (parts.some((part) => part === '')) {
    return { ok: false, reason: 'format' }
  }
  const last = parts.at(-1) ?? ''
  const key = keyOf(last)
  if (key === undefined) {
    return { ok: false, reason: 'key' }
  }
  const modifiers = new Set<Modifier>()
  for (const part of parts.slice(0, -1)) {
    const modifier = (MODIFIERS as Readonly<Record<string, Modifier>>)[part.toLowerCase()]
    if (modifier === undefined || modifiers.has(modifier)) {
      return { ok: false, reason: 'format' }
    }
    modifiers.add(modifier)
  }
  const strong = [...modifiers].some((modifier) => STRONG.has(modifier))
  const spare = key.function !== undefined && key.function >= 13
  if (!strong && !spare) {
    return { ok: false, reason: 'modifier' }
  }
  const ordered = MODIFIER_ORDER.filter((modifier) => modifiers.has(modifier))
  return { ok: true, accelerator: [...ordered, key.key].join('+') }
}
