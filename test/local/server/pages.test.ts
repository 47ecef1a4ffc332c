// The index and page routes: what the manifest declares is listed and served, nothing outside it.
import { FIXTURE_APP, useHost } from '../../support/host';

describe('GET / and GET /pages/<module-key>', () => {
  const host = useHost({ app: FIXTURE_APP });

  const get = async (path: string, init: RequestInit = {}): Promise<{ status: number; type: string; text: string }> => {
    const response = await fetch(`${host.url}${path}`, { redirect: 'manual', ...init });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  it('lists every page module, web trigger URL and the acting user on the index', async () => {
    const page = await get('/', { headers: { cookie: 'local-account-id=alice' } });
    expect(page.status).toBe(200);
    for (const key of ['fixture-page', 'fixture-components', 'fixture-custom', 'fixture-unbuilt']) expect(page.text).toContain(`href="/pages/${key}"`);
    expect(page.text).toContain(host.webtriggerUrl('echo'));
    expect(page.text).toContain(host.webtriggerUrl('no-status'));
    expect(page.text).toContain('data-testid="acting-user">Alice Example<');
  });

  it('serves a UI Kit page as a shell: config, then the renderer, then the page bundle', async () => {
    const page = await get('/pages/fixture-page');
    expect(page.status).toBe(200);
    const config = page.text.indexOf('window.__LOCAL_FORGE__');
    const renderer = page.text.indexOf('/assets/preview/renderer.js');
    const bundle = page.text.indexOf('/assets/pages/fixture-ui.js');
    expect(config).toBeGreaterThan(0);
    expect(renderer).toBeGreaterThan(config);
    expect(bundle).toBeGreaterThan(renderer);
    expect((await get('/assets/pages/fixture-ui.js')).type).toMatch(/javascript/);
  });

  it('frames a Custom UI page in the host header, with the acting-user switcher, as Jira frames it', async () => {
    const shell = await get('/pages/fixture-custom', { headers: { cookie: 'local-account-id=bob' } });
    expect(shell.status).toBe(200);
    expect(shell.text).toMatch(/<iframe class="local-frame" src="\/pages\/fixture-custom\/"[^>]*data-testid="custom-ui-frame"/);
    expect(shell.text).toContain('data-testid="local-account-switcher"');
    expect(shell.text).toMatch(/<option value="bob" selected>/);
    expect(shell.text).toContain('<script src="/assets/preview/header.js">');
  });

  it('injects the bridge shim into Custom UI HTML before its first script and serves its files', async () => {
    const page = await get('/pages/fixture-custom/');
    expect(page.status).toBe(200);
    const shim = page.text.indexOf('<script src="/assets/preview/bridge.js">');
    expect(shim).toBeGreaterThan(0);
    expect(shim).toBeLessThan(page.text.indexOf('<script src="./app.js">'));
    expect((await get('/pages/fixture-custom/style.css')).type).toMatch(/^text\/css/);
  });

  it('never serves files outside the Custom UI build folder', async () => {
    expect((await get('/pages/fixture-custom/..%2F..%2Fmanifest.yml')).status).toBe(404);
    expect((await get('/pages/fixture-custom/%2e%2e/%2e%2e/manifest.yml')).status).toBe(404);
  });

  it('says to run npm run build when a Custom UI build folder is missing', async () => {
    const page = await get('/pages/fixture-unbuilt');
    const index = await get('/pages/fixture-unbuilt/');
    expect(page.status).toBe(404);
    expect(page.text).toContain('npm run build');
    expect(index.status).toBe(404);
    expect(index.text).toContain('npm run build');
  });

  it('answers 404 JSON for a page the manifest does not declare', async () => {
    const page = await get('/pages/nope');
    expect(page.status).toBe(404);
    expect(JSON.parse(page.text)).toMatchObject({ code: 'NOT_FOUND' });
  });
});
