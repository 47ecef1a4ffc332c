import { renderPage } from '../support/forgedoc';
import { adminBootstrap, ok, tokenView } from './fixtures';

describe('admin page (api-token-admin)', () => {
  it('renders its first screen from exactly one admin/bootstrap invocation', async () => {
    const page = await renderPage('admin', { resolvers: { 'admin/bootstrap': () => ok(adminBootstrap()) } });
    await page.waitFor(() => page.find({ testId: 'token-table' }), { what: 'the token table' });
    expect(page.invocations.map((call) => call.functionKey)).toEqual(['admin/bootstrap']);
    expect(page.text()).toContain('Nightly backup');
    expect(page.text()).toContain(tokenView().hint);
  });
});
