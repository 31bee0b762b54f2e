import type { LngLat } from '../../contract';
import { createStore } from './store';

/**
 * Where the 服务站 tab measures from (GCJ-02), and how to name it. Kept for the session only: the
 * position is never written to storage, and a new session starts by asking again.
 */
export interface Origin {
  position: LngLat;
  /** "我的位置", a community's name, or the place picked on the map. */
  label: string;
}

export const originStore = createStore<Origin | null>(null);
