import { slackText, webhookRequest } from '../../../src/domain/alerts/webhook';

// A token owner chooses the description an alert's sentence quotes: it must stay text in the admins' channel.
const hostile = { id: 'a1', signal: 'revokedTokenPresented' as const, sentence: 'Revoked token "<!channel> <https://evil.example|Reset your password> **now** [here](https://evil.example) & more" was presented.' };
const ADMIN = 'https://site.example/jira/settings/apps/app/env';

describe('alert webhook messages with a hostile token description', () => {
  it('escapes Slack control characters, so the sentence cannot mention a channel or carry a link', () => {
    const body = JSON.parse(webhookRequest('slack', hostile, ADMIN).body) as { text: string; blocks: Array<{ text: { text: string } }> };
    for (const text of [body.text, body.blocks[0].text.text]) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example');
      expect(text).toContain('&lt;!channel&gt; &lt;https://evil.example|Reset your password&gt;');
      expect(text).toContain('&amp; more');
    }
    // The app's own link is the only Slack link in the message.
    expect(body.blocks[1].text.text).toContain(`<${ADMIN}|Open the Alerts tab>`);
  });

  it('puts the sentence in a Teams TextRun, which renders no markdown', () => {
    const body = JSON.parse(webhookRequest('teams', hostile, ADMIN).body) as { attachments: Array<{ content: { body: Array<{ type: string; text?: string; inlines?: Array<{ type: string; text: string }> }> } }> };
    const blocks = body.attachments[0].content.body;
    expect(blocks.filter((block) => block.type === 'TextBlock').map((block) => block.text)).not.toContainEqual(expect.stringContaining('evil.example'));
    expect(blocks.find((block) => block.type === 'RichTextBlock')?.inlines).toEqual([{ type: 'TextRun', text: hostile.sentence }]);
  });

  it('leaves ordinary text alone', () => {
    expect(slackText('Token "Nightly export" was presented.')).toBe('Token "Nightly export" was presented.');
  });
});
