import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkDestinationUrl, DECLARED_EGRESS } from '../../../src/domain/siem/egress';

describe('SIEM egress domains', () => {
  it('are exactly the backend egress manifest.yml declares', () => {
    const manifest = parse(readFileSync(path.resolve(__dirname, '../../../manifest.yml'), 'utf8')) as { permissions: { external: { fetch: { backend: Array<{ address: string }> } } } };
    expect(manifest.permissions.external.fetch.backend.map((entry) => entry.address)).toEqual([...DECLARED_EGRESS]);
  });

  it('accept HTTPS URLs on a declared domain or wildcard subdomain, and refuse the rest with a reason', () => {
    expect(checkDestinationUrl('https://acme.splunkcloud.com:8088').ok).toBe(true);
    expect(checkDestinationUrl('https://http-intake.logs.datadoghq.eu/api/v2/logs').ok).toBe(true);
    expect(checkDestinationUrl('https://my-dce.westeurope-1.ingest.monitor.azure.com/dataCollectionRules/x').ok).toBe(true);
    expect(checkDestinationUrl('https://splunkcloud.com')).toMatchObject({ ok: false, message: expect.stringContaining('not a domain this app may send to') });
    expect(checkDestinationUrl('https://acme.splunkcloud.com.evil.example')).toMatchObject({ ok: false });
    expect(checkDestinationUrl('http://acme.splunkcloud.com')).toMatchObject({ ok: false, message: expect.stringContaining('https://') });
    expect(checkDestinationUrl('https://user:pw@acme.splunkcloud.com')).toMatchObject({ ok: false, message: expect.stringContaining('credential') });
    expect(checkDestinationUrl('not a url')).toMatchObject({ ok: false });
  });

  it('let the local host\'s openings through, and nothing else', () => {
    expect(checkDestinationUrl('http://127.0.0.1:9000/x', ['127.0.0.1:9000']).ok).toBe(true);
    expect(checkDestinationUrl('http://127.0.0.1:9001/x', ['127.0.0.1:9000']).ok).toBe(false);
  });
});
