/**
 * What the page takes from the platform's view context: the site it belongs to and the user's
 * locale for number formatting. The page renders without it, so a failure only drops the site line.
 */
import { getContext } from './bridge';

export interface PageContext {
  siteUrl: string | null;
  locale: string | null;
}

export async function loadPageContext(): Promise<PageContext> {
  try {
    const context = await getContext();
    return {
      siteUrl: typeof context.siteUrl === 'string' && context.siteUrl !== '' ? context.siteUrl : null,
      locale: typeof context.locale === 'string' ? String(context.locale).replace('_', '-') : null,
    };
  } catch {
    return { siteUrl: null, locale: null };
  }
}
