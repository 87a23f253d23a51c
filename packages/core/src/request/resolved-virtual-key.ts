/** A virtual key opened for a call (access/virtual-keys.ts opens it): the operator's credential and settings. */
export interface ResolvedVirtualKey {
  id: string;
  provider: string;
  apiKey: string | undefined;
  customHost: string | undefined;
  /** Plain and secret settings together. */
  settings: Record<string, unknown>;
}
