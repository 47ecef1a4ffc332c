/**
 * The admin page's address on the site, for links the app sends out (alert webhook messages). Jira
 * serves a Forge admin page at `<site>/jira/settings/apps/<app id>/<environment id>`; the ids come
 * from the invocation's app context, the site from the resolver's context.
 */
import { getAppContext } from '@forge/api';

export function adminPageUrl(siteUrl: string): string {
  const site = siteUrl.replace(/\/+$/, '');
  try {
    const { appAri, environmentAri } = getAppContext();
    return `${site}/jira/settings/apps/${appAri.appId}/${environmentAri.environmentId}`;
  } catch {
    return `${site}/jira/settings/apps`;
  }
}
