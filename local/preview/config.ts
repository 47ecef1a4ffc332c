/** What the server tells a page in the browser (`window.__LOCAL_FORGE__`): enough for the bridge. */
export interface PreviewConfig {
  moduleKey: string;
  resourceKey: string;
  title: string;
  extension: { type: string };
  cloudId: string;
  siteUrl: string;
  localId: string;
  locale: string;
  timezone: string;
  accounts: Array<{ accountId: string; displayName: string }>;
}

declare global {
  interface Window {
    __LOCAL_FORGE__?: PreviewConfig;
  }
}
