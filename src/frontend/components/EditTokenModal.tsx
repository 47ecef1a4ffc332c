import React, { useState } from 'react';
import {
  Button,
  HelperMessage,
  Label,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  SectionMessage,
  Stack,
  Text,
  TextArea,
  Textfield,
} from '@forge/react';
import type { TokenView, UpdateTokenPayload } from '../../shared/resolvers';
import type { ResolverError } from '../../shared/result';
import { invoke } from '../invoke';
import { inputValue } from './events';
import { FieldMessages } from './FieldMessages';
import { issuesFor, parseLines, type FieldIssues } from './field-issues';
import { formatDate, SCOPE_LABELS } from './format';
import { draftOf, parseRateLimit, RateLimitField } from './RateLimitField';

interface EditTokenModalProps {
  token: TokenView;
  onSaved: (token: TokenView) => void;
  onClose: () => void;
}

const sameList = (a: string[], b: string[]): boolean => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * Edits what can change on a live token. Scope and expiry are part of what the secret was issued for,
 * so changing them means issuing a new token; the dialog says so instead of offering the fields.
 */
export function EditTokenModal({ token, onSaved, onClose }: EditTokenModalProps): React.JSX.Element {
  const [description, setDescription] = useState(token.description);
  const [allowlist, setAllowlist] = useState(token.ipAllowlist.join('\n'));
  const [rateLimit, setRateLimit] = useState(() => draftOf(token.rateLimit));
  const [issues, setIssues] = useState<FieldIssues>([]);
  const [failure, setFailure] = useState<ResolverError | null>(null);
  const [busy, setBusy] = useState(false);
  const messages = (field: string): string[] => issuesFor(issues, field);

  const save = async (): Promise<void> => {
    const local: FieldIssues = [];
    if (description.trim() === '') local.push({ path: 'description', message: 'The description cannot be empty.' });
    const limit = parseRateLimit(rateLimit);
    if (!limit.ok) local.push({ path: 'rateLimit', message: limit.message });
    setIssues(local);
    setFailure(null);
    if (local.length > 0 || !limit.ok) return;

    // Only what changed is sent, so the audit event lists exactly the edited values.
    const payload: UpdateTokenPayload = { tokenId: token.id };
    if (description.trim() !== token.description) payload.description = description.trim();
    const cidrs = parseLines(allowlist);
    if (!sameList(cidrs, token.ipAllowlist)) payload.ipAllowlist = cidrs;
    const before = token.rateLimit;
    const after = limit.value;
    if (before?.requests !== after?.requests || before?.windowSeconds !== after?.windowSeconds) payload.rateLimit = after;
    if (Object.keys(payload).length === 1) {
      onClose();
      return;
    }

    setBusy(true);
    const result = await invoke('tokens/update', payload);
    setBusy(false);
    if (result.ok) {
      onSaved(result.data.token);
      return;
    }
    setIssues(result.error.issues ?? []);
    setFailure(result.error);
  };

  return (
    <ModalTransition>
      <Modal onClose={busy ? () => undefined : onClose} width="medium" testId="edit-token-modal">
        <ModalHeader>
          <ModalTitle>Edit token {token.hint}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            {failure ? (
              <SectionMessage appearance="error" title="The token was not changed" testId="edit-error">
                <Text>{failure.message}</Text>
              </SectionMessage>
            ) : null}
            <Stack space="space.050">
              <Label labelFor="edit-description">Description</Label>
              <Textfield
                id="edit-description"
                value={description}
                isInvalid={messages('description').length > 0}
                onChange={(event) => setDescription(inputValue(event))}
                testId="edit-description"
              />
              <FieldMessages messages={messages('description')} testId="edit-description-issues" />
            </Stack>
            <Stack space="space.050">
              <Label labelFor="edit-allowlist">IP allowlist</Label>
              <TextArea
                id="edit-allowlist"
                value={allowlist}
                isMonospaced
                minimumRows={2}
                isInvalid={messages('ipAllowlist').length > 0}
                onChange={(event) => setAllowlist(inputValue(event))}
                testId="edit-allowlist"
              />
              <HelperMessage>One address or CIDR range per line. Empty allows any address.</HelperMessage>
              <FieldMessages messages={messages('ipAllowlist')} testId="edit-allowlist-issues" />
            </Stack>
            <Stack space="space.050">
              <Label labelFor="edit-rate-limit">Rate limit</Label>
              <RateLimitField
                id="edit-rate-limit"
                value={rateLimit}
                onChange={setRateLimit}
                isInvalid={messages('rateLimit').length > 0}
                testId="edit-rate-limit"
              />
              <HelperMessage>Empty removes this token&apos;s own limit.</HelperMessage>
              <FieldMessages messages={messages('rateLimit')} testId="edit-rate-limit-issues" />
            </Stack>
            <SectionMessage appearance="information" testId="edit-scope-expiry-note">
              <Text>
                Scope ({SCOPE_LABELS[token.scope]}) and expiry ({formatDate(token.expiresAt, 'never')}) cannot be changed on an
                existing token. To change them, create a new token, move your scripts to it, then revoke this one.
              </Text>
            </SectionMessage>
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId="edit-cancel">
            Cancel
          </Button>
          <LoadingButton appearance="primary" isLoading={busy} onClick={() => void save()} testId="edit-submit">
            Save
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
