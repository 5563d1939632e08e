/**
 * Spellings of one path that a router, a static file server or a string comparison may or may not
 * treat as that path: percent-encoded letters, doubled slashes, dot-segments, other case, a trailing
 * slash, an encoded slash. A server must give each the same authorisation decision as the path
 * itself, or not find it.
 */
export function pathVariants(path: string): string[] {
  const segments = path.split('/').slice(1)
  const joined = (parts: string[]): string => `/${parts.join('/')}`
  const replaced = (i: number, segment: string): string =>
    joined(segments.map((s, j) => (j === i ? segment : s)))
  const variants = new Set<string>()

  segments.forEach((segment, i) => {
    const letters = [...segment].flatMap((c, at) => (/[a-z]/i.test(c) ? [at] : []))
    if (letters.length === 0) {
      return
    }
    // One letter encoded at the start, the middle and the end of the segment; then all of them.
    const positions = new Set([letters[0]!, letters[Math.floor(letters.length / 2)]!, letters.at(-1)!])
    for (const at of positions) {
      variants.add(replaced(i, segment.slice(0, at) + percent(segment[at]!) + segment.slice(at + 1)))
    }
    variants.add(replaced(i, [...segment].map((c) => (/[a-z]/i.test(c) ? percent(c) : c)).join('')))
    variants.add(replaced(i, segment.toUpperCase()))
    variants.add(replaced(i, segment[0]!.toUpperCase() + segment.slice(1)))
  })

  variants.add(`/${path}`)
  variants.add(path.replace(/^(\/[^/]*)\//, '$1//'))
  variants.add(`${path}/`)
  variants.add(`${path}//`)
  variants.add(path.toUpperCase())
  variants.add(joined([segments[0]!, '.', ...segments.slice(1)]))
  variants.add(joined([...segments.slice(0, -1), '.', segments.at(-1)!]))
  variants.add(joined([...segments, '..', segments.at(-1)!]))
  variants.add(joined([segments[0]!, 'x', '..', ...segments.slice(1)]))
  variants.add(`${path}/.`)
  variants.add(path.replace(/^(\/[^/]*)\//, '$1%2F'))
  variants.add(path.replace(/^(\/[^/]*)\//, '$1%2f'))
  variants.add(path.replace(/(.)\/([^/]*)$/, '$1%2F$2'))
  variants.delete(path)
  return [...variants]
}

function percent(c: string): string {
  return `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`
}

const UUID = '8a3b1d0e-7c1f-4f5e-9a40-2f2b8e1c3d4a'

/** A concrete path for a route pattern: parameters filled with a well-formed value. */
export function concretePath(pattern: string): string {
  return pattern
    .replace(/:nummer\b/g, '26000001')
    .replace(/:[A-Za-z]+/g, UUID)
    .replace(/\*$/, 'index.html')
}
