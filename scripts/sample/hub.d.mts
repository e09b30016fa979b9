/** Type declarations for hub.mjs (the two-service regional hub sample). */
export interface HubService {
  file: string;
  service: string;
  count: number;
  seed: number;
}
export declare const HUB_SERVICES: ReadonlyArray<HubService>;
export declare function hubSample(): (HubService & { csv: string })[];
