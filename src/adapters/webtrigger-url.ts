/**
 * A web trigger's own URL, for links it hands out (the pull API's absolute `nextPageLink`). One
 * platform call per trigger and instance: the URL does not change while the app is installed.
 */
import { webTrigger } from '@forge/api';

const known = new Map<string, Promise<string | null>>();

export function webTriggerUrl(moduleKey: string): Promise<string | null> {
  let url = known.get(moduleKey);
  if (!url) {
    url = webTrigger.getUrl(moduleKey).then(
      (value) => value,
      () => {
        known.delete(moduleKey);
        return null;
      },
    );
    known.set(moduleKey, url);
  }
  return url;
}
