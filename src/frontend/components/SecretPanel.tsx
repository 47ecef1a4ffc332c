import React, { useState } from 'react';
import {
  Button,
  CodeBlock,
  Inline,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  SectionMessage,
  Stack,
  Text,
} from '@forge/react';
import type { TokenView } from '../../shared/resolvers';
import { SCOPE_LABELS, formatDate } from './format';

interface SecretPanelProps {
  token: TokenView;
  secret: string;
  /** "created" or "rotated": the wording differs, the rule does not. */
  reason: 'created' | 'rotated';
  onClose: () => void;
}

type CopyState = 'idle' | 'copied' | 'unavailable';

interface ClipboardNavigator {
  clipboard?: { writeText?: (text: string) => Promise<void> };
}

/** The page's clipboard, when the surrounding frame grants one (Forge UI Kit runs in a sandbox that may not). */
function clipboardWriter(): ((text: string) => Promise<void>) | null {
  const nav = (globalThis as { navigator?: ClipboardNavigator }).navigator;
  const clipboard = nav?.clipboard;
  return clipboard && typeof clipboard.writeText === 'function' ? clipboard.writeText.bind(clipboard) : null;
}

/**
 * Shows a new secret exactly once. The secret lives only in the parent's state while this panel is open;
 * closing it drops the secret, and no resolver ever returns it again.
 */
export function SecretPanel({ token, secret, reason, onClose }: SecretPanelProps): React.JSX.Element {
  const [copy, setCopy] = useState<CopyState>('idle');

  const copySecret = async (): Promise<void> => {
    const write = clipboardWriter();
    if (!write) {
      setCopy('unavailable');
      return;
    }
    try {
      await write(secret);
      setCopy('copied');
    } catch {
      setCopy('unavailable');
    }
  };

  return (
    <ModalTransition>
      {/* Escape or a click outside must not throw the secret away before it is copied: only the button closes. */}
      <Modal onClose={() => undefined} width="large" testId="secret-panel">
        <ModalHeader>
          <ModalTitle>{reason === 'created' ? 'Your new API token' : 'Your replacement API token'}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            <SectionMessage appearance="warning" title="Copy this token now" testId="secret-warning">
              <Text>
                You will not see it again. The app keeps only a hash of it; if you lose it, rotate or revoke the token and
                create a new one.
              </Text>
            </SectionMessage>
            <CodeBlock text={secret} language="text" shouldWrapLongLines testId="secret-value" />
            <Inline space="space.100" alignBlock="center">
              <Button appearance="primary" iconBefore="copy" onClick={() => void copySecret()} testId="secret-copy">
                {copy === 'copied' ? 'Copied' : 'Copy'}
              </Button>
              {copy === 'unavailable' ? (
                <Text color="color.text.subtle" testId="secret-copy-unavailable">
                  This page cannot reach the clipboard: select the token above and copy it.
                </Text>
              ) : null}
            </Inline>
            <Text color="color.text.subtle">
              {token.description} · {SCOPE_LABELS[token.scope]} · expires {formatDate(token.expiresAt, 'never')} · shown in
              lists as {token.hint}
            </Text>
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onClose} testId="secret-done">
            I have copied it
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
