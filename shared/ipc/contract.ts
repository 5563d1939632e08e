import { noPayload, object, string, type Infer, type Validator } from './validate'

/**
 * The one IPC contract between renderer (through the preload) and main. Channel names are
 * `domain:action` constants; nobody types a channel string by hand. Each channel has a request
 * and a response validator, and its types are derived from them.
 */
export const IpcChannel = {
  AppInfoGet: 'app:info:get',
} as const

export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel]

export const appInfo = object({
  name: string({ minLength: 1, maxLength: 200 }),
  version: string({ minLength: 1, maxLength: 100 }),
})

export type AppInfo = Infer<typeof appInfo>

interface ChannelContract<Req, Res> {
  readonly request: Validator<Req>
  readonly response: Validator<Res>
}

export const ipcContract = {
  [IpcChannel.AppInfoGet]: { request: noPayload, response: appInfo },
} as const satisfies { readonly [C in IpcChannel]: ChannelContract<unknown, unknown> }

export type IpcRequest<C extends IpcChannel> = Infer<(typeof ipcContract)[C]['request']>
export type IpcResponse<C extends IpcChannel> = Infer<(typeof ipcContract)[C]['response']>
