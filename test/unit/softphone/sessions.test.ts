import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Referral, Session } from 'sip.js'
import { describe, expect, it, vi } from 'vitest'
import { guardRefer } from '../../../renderer/src/softphone/sessions'

const RENDERER = join(import.meta.dirname, '../../../renderer/src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  )
}

const fakeSession = () => ({ delegate: { onBye: () => undefined } }) as unknown as Session
const referral = {} as Referral

describe('guardRefer', () => {
  it('sends every REFER to its handler, whatever delegate is assigned afterwards', () => {
    const session = fakeSession()
    const onRefer = vi.fn()
    guardRefer(session, onRefer)
    const onAck = vi.fn()
    session.delegate = { onAck, onRefer: () => undefined }
    session.delegate.onRefer?.(referral)
    session.delegate = undefined
    session.delegate!.onRefer?.(referral)
    expect(onRefer).toHaveBeenCalledTimes(2)
    session.delegate = { onAck }
    expect(session.delegate.onAck).toBe(onAck)
  })

  it('keeps what the delegate had, and lets the handler be replaced', () => {
    const session = fakeSession()
    const before = session.delegate!.onBye
    const first = vi.fn()
    const second = vi.fn()
    guardRefer(session, first)
    guardRefer(session, second)
    session.delegate!.onRefer?.(referral)
    expect(session.delegate!.onBye).toBe(before)
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledOnce()
  })
})

describe('the softphone’s sessions', () => {
  it('are made in sessions.ts only, so none can miss its REFER handler', () => {
    const offenders = sourceFiles(RENDERER)
      .filter((file) => !file.endsWith(join('softphone', 'sessions.ts')))
      .filter((file) =>
        /new\s+Inviter\b|\.makeInviter\s*\(|_makeInviter\s*\(/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => relative(RENDERER, file))
    expect(offenders).toEqual([])
  })
})
