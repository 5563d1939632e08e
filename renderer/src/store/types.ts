import type { AppSlice } from './app-slice'

/** The whole renderer state: the intersection of all slices. Later: softphone, klantcontact, … */
export type StoreState = AppSlice
