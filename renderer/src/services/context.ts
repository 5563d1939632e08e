import { createContext, useContext } from 'react'
import type { GatewayApi } from '../api/gateway-client'
import type { Softphone } from '../softphone/softphone'
import type { MonitorService } from '../supervisor/monitor-service'
import type { TransferService } from '../transfer/transfer-service'

/**
 * The renderer's services (plain TypeScript objects with behaviour: the gateway client, the
 * softphone, the transfer and monitoring services), handed to components through React context
 * after login. The zustand store holds only plain data, which selectors can compare and nothing
 * mutates behind React's back; services write into it.
 */
export interface Services {
  readonly api: GatewayApi
  readonly softphone: Softphone
  readonly transfers: TransferService
  /** The supervisor's listen in / whisper / barge (docs/supervisor.md). */
  readonly monitoring: MonitorService
}

export const ServicesContext = createContext<Services | undefined>(undefined)

export function useServices(): Services {
  const services = useContext(ServicesContext)
  if (!services) {
    throw new Error('useServices outside a logged-in workspace')
  }
  return services
}
