import type { KlantcontactSlice } from '../klantcontact/slice'
import type { OpenedSlice } from '../incoming-transfer/slice'
import type { MonitorSlice } from '../supervisor/monitor-slice'
import type { TransferSlice } from '../transfer/slice'
import type { WorkspaceSlice } from '../workspace/workspace-slice'
import type { MissedCallsSlice } from '../missed-calls/slice'
import type { RingingSlice } from '../ringing/slice'
import type { SettingsSlice } from '../settings/slice'
import type { InboxSlice } from '../inbox/slice'
import type { AfhandelingSlice } from '../case/afhandeling-slice'
import type { AppSlice } from './app-slice'

/** The whole renderer state: the intersection of all slices. */
export type StoreState = AppSlice &
  WorkspaceSlice &
  KlantcontactSlice &
  OpenedSlice &
  TransferSlice &
  MonitorSlice &
  MissedCallsSlice &
  RingingSlice &
  SettingsSlice &
  InboxSlice &
  AfhandelingSlice
