/**
 * The "Destinations" tab (docs/audit-events.md): SIEM destinations with their delivery status, a form
 * to add one (the credential is sent once and never shown again), "Send test event", "Resume"
 * for a stopped destination, "Remove", and "Verify integrity" of the sealed audit trail.
 */
import React, { useState } from 'react';
import { Button, DynamicTable, Heading, Inline, Label, Lozenge, SectionMessage, Select, Stack, Text, Textfield } from '@forge/react';
import type { DestinationKind, DestinationView } from '../../domain/siem/destination';
import type { IntegrityReport } from '../../shared/resolvers';
import { invoke } from '../invoke';
import { findOption, inputValue, optionValue, type SelectOption } from '../components/events';

const KIND_OPTIONS: Array<SelectOption<DestinationKind>> = [
  { label: 'Splunk HTTP Event Collector', value: 'splunk-hec' },
  { label: 'Datadog Logs', value: 'datadog' },
  { label: 'Elastic (bulk API)', value: 'elastic' },
  { label: 'HTTPS endpoint (e.g. Microsoft Sentinel)', value: 'https' },
];

const URL_HINT: Record<DestinationKind, string> = {
  'splunk-hec': 'https://<stack>.splunkcloud.com:8088',
  datadog: 'https://http-intake.logs.datadoghq.com (or your site)',
  elastic: 'https://<deployment>.es.<region>.cloud.es.io',
  https: 'https://<dce>.<region>.ingest.monitor.azure.com/dataCollectionRules/<dcr>/streams/<stream>?api-version=2023-01-01',
};

function when(ms: number | null): string {
  return ms === null ? 'never' : new Date(ms).toLocaleString();
}

export function DestinationsTab(): React.JSX.Element {
  const [destinations, setDestinations] = useState<DestinationView[] | null>(null);
  const [message, setMessage] = useState<{ appearance: 'error' | 'success' | 'information'; text: string } | null>(null);
  const [form, setForm] = useState<{ kind: DestinationKind; name: string; url: string; credential: string }>({ kind: 'splunk-hec', name: '', url: '', credential: '' });
  const [integrity, setIntegrity] = useState<IntegrityReport | null>(null);

  const reload = async (): Promise<void> => {
    const result = await invoke('destinations/list', {});
    if (result.ok) setDestinations(result.data.destinations);
    else setMessage({ appearance: 'error', text: result.error.message });
  };
  // Loaded when asked: every tab panel renders with the page, and the page's first render is one invocation (docs/performance.md).
  const [loaded, setLoaded] = useState(false);

  const save = async (): Promise<void> => {
    const result = await invoke('destinations/save', { destination: { kind: form.kind, name: form.name, url: form.url, credential: form.credential } });
    if (!result.ok) {
      setMessage({ appearance: 'error', text: result.error.message });
      return;
    }
    setForm({ ...form, name: '', url: '', credential: '' });
    setMessage({ appearance: 'success', text: `Saved "${result.data.destination.name}". Delivery has started.` });
    await reload();
  };

  const act = async (label: string, run: () => Promise<{ ok: boolean; text: string }>): Promise<void> => {
    const outcome = await run();
    setMessage({ appearance: outcome.ok ? 'success' : 'error', text: `${label}: ${outcome.text}` });
    await reload();
  };

  const rows = (destinations ?? []).map((d) => ({
    key: d.id,
    cells: [
      { key: 'name', content: <Text>{d.name}</Text> },
      { key: 'kind', content: <Text>{KIND_OPTIONS.find((k) => k.value === d.kind)?.label ?? d.kind}</Text> },
      { key: 'status', content: <Lozenge appearance={d.state.status === 'stopped' ? 'removed' : 'success'}>{d.state.status === 'stopped' ? 'Stopped' : 'Active'}</Lozenge> },
      { key: 'last', content: <Text>{when(d.state.lastDeliveryAt)}</Text> },
      { key: 'lag', content: <Text>{d.lagCapped ? `${d.lag}+` : String(d.lag)}</Text> },
      { key: 'error', content: <Text>{d.state.lastError ? `${d.state.lastError.status ?? 'no answer'}: ${d.state.lastError.message}` : '—'}</Text> },
      {
        key: 'actions',
        content: (
          <Inline space="space.100">
            <Button
              testId={`destination-test-${d.id}`}
              onClick={() => void act('Send test event', async () => {
                const r = await invoke('destinations/test', { destinationId: d.id });
                return r.ok ? { ok: r.data.delivered, text: r.data.message } : { ok: false, text: r.error.message };
              })}
            >
              Send test event
            </Button>
            {d.state.status === 'stopped' ? (
              <Button
                testId={`destination-resume-${d.id}`}
                appearance="primary"
                onClick={() => void act('Resume', async () => {
                  const r = await invoke('destinations/resume', { destinationId: d.id });
                  return r.ok ? { ok: true, text: 'delivery continues from where it stopped.' } : { ok: false, text: r.error.message };
                })}
              >
                Resume
              </Button>
            ) : null}
            <Button
              testId={`destination-remove-${d.id}`}
              appearance="subtle"
              onClick={() => void act('Remove', async () => {
                const r = await invoke('destinations/remove', { destinationId: d.id });
                return r.ok ? { ok: true, text: `${d.name} removed with its credential.` } : { ok: false, text: r.error.message };
              })}
            >
              Remove
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.200">
      <Text>Stream the audit trail to your SIEM. Every stored event is delivered at least once, oldest first, with its id for deduplication.</Text>
      {message ? (
        <SectionMessage appearance={message.appearance} testId="destinations-message">
          <Text>{message.text}</Text>
        </SectionMessage>
      ) : null}
      <Inline>
        <Button
          testId="destinations-load"
          onClick={() => {
            setLoaded(true);
            void reload();
          }}
        >
          {loaded ? 'Refresh status' : 'Show destinations and their status'}
        </Button>
      </Inline>
      <DynamicTable
        testId="destinations-table"
        head={{ cells: ['Name', 'Product', 'Status', 'Last delivery', 'Events behind', 'Last error', ''].map((content, i) => ({ key: String(i), content })) }}
        rows={rows}
        isLoading={loaded && destinations === null}
      />
      {/* Not DynamicTable's emptyView: UI Kit passes that prop over the bridge as a raw React element (with its fiber), unreconciled. */}
      {destinations !== null && destinations.length === 0 ? <Text>No destination yet.</Text> : null}
      <Heading as="h3">Add a destination</Heading>
      <Label labelFor="destination-kind">Product</Label>
      <Select
        inputId="destination-kind"
        options={KIND_OPTIONS}
        value={findOption(KIND_OPTIONS, form.kind)}
        onChange={(option: unknown) => {
          const kind = KIND_OPTIONS.find((k) => k.value === optionValue(option));
          if (kind) setForm({ ...form, kind: kind.value });
        }}
        testId="destination-kind"
      />
      <Label labelFor="destination-name">Name</Label>
      <Textfield id="destination-name" value={form.name} onChange={(e: unknown) => setForm({ ...form, name: inputValue(e) })} testId="destination-name" />
      <Label labelFor="destination-url">URL ({URL_HINT[form.kind]})</Label>
      <Textfield id="destination-url" value={form.url} onChange={(e: unknown) => setForm({ ...form, url: inputValue(e) })} testId="destination-url" />
      <Label labelFor="destination-credential">Token or API key (stored as a secret, never shown again)</Label>
      <Textfield id="destination-credential" type="password" value={form.credential} onChange={(e: unknown) => setForm({ ...form, credential: inputValue(e) })} testId="destination-credential" />
      <Inline>
        <Button appearance="primary" testId="destination-save" onClick={() => void save()}>
          Save destination
        </Button>
      </Inline>
      <Heading as="h3">Integrity</Heading>
      <Text>Seals chain the stored events hourly or daily. Verify recomputes them and names the first period that no longer matches.</Text>
      <Inline>
        <Button
          testId="integrity-verify"
          onClick={() =>
            void invoke('integrity/verify', {}).then((r) => (r.ok ? setIntegrity(r.data) : setMessage({ appearance: 'error', text: r.error.message })))
          }
        >
          Verify integrity
        </Button>
      </Inline>
      {integrity ? (
        <SectionMessage appearance={integrity.ok ? 'success' : 'error'} testId="integrity-result">
          <Text>
            {integrity.ok
              ? `${integrity.seals} sealed period(s) match${integrity.skipped ? `; ${integrity.skipped} past retention not checked` : ''}.`
              : `Seal ${integrity.firstMismatch?.seq} (${integrity.firstMismatch?.fromIso ?? 'start'} to ${integrity.firstMismatch?.toIso}) no longer matches: ${integrity.firstMismatch?.kind}${integrity.firstMismatch?.eventId ? ` event ${integrity.firstMismatch.eventId}` : ''}.`}
          </Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
