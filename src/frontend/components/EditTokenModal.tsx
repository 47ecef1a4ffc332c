import React, { useState } from 'react';
import { SectionMessage, Text, Textfield } from '@forge/react';
import type { TokenView, UpdateTokenPayload } from '../../shared/resolvers';
import { invoke } from '../invoke';
import { inputValue } from './events';
import { FailureMessage } from './FailureMessage';
import { issuesFor, type FieldIssues } from './field-issues';
import { formatDate, SCOPE_LABELS } from './format';
import { FormDialog } from './FormDialog';
import { FormField } from './FormField';
import { changedLimits, limitsDraftOf, parseTokenLimits } from './token-limits-form';
import { TokenLimitsFields } from './TokenLimitsFields';
import { useSubmit } from './useSubmit';

interface EditTokenModalProps {
  token: TokenView;
  onSaved: (token: TokenView) => void;
  onClose: () => void;
}

/**
 * Edits what can change on a live token. Scope and expiry are part of what the secret was issued for,
 * so changing them means issuing a new token; the dialog says so instead of offering the fields.
 */
export function EditTokenModal({ token, onSaved, onClose }: EditTokenModalProps): React.JSX.Element {
  const [description, setDescription] = useState(token.description);
  const [limits, setLimits] = useState(() => limitsDraftOf(token));
  const submit = useSubmit();
  const messages = (field: string): string[] => issuesFor(submit.issues, field);

  const save = async (): Promise<void> => {
    const local: FieldIssues = [];
    if (description.trim() === '') local.push({ path: 'description', message: 'The description cannot be empty.' });
    const parsedLimits = parseTokenLimits(limits);
    if (!parsedLimits.ok) local.push(...parsedLimits.issues);
    submit.showIssues(local);
    if (local.length > 0 || !parsedLimits.ok) return;

    // Only what changed is sent, so the audit event lists exactly the edited values.
    const payload: UpdateTokenPayload = { tokenId: token.id };
    if (description.trim() !== token.description) payload.description = description.trim();
    Object.assign(payload, changedLimits(token, parsedLimits.value));
    if (Object.keys(payload).length === 1) {
      onClose();
      return;
    }

    await submit.run(() => invoke('tokens/update', payload), (data) => onSaved(data.token));
  };

  return (
    <FormDialog
      title={<>Edit token {token.hint}</>}
      width="medium"
      busy={submit.busy}
      onClose={onClose}
      mainLabel="Save"
      mainAppearance="primary"
      onMain={() => void save()}
      testIds={{ dialog: 'edit-token-modal', cancel: 'edit-cancel', main: 'edit-submit' }}
    >
      <FailureMessage failure={submit.failure} title="The token was not changed" testId="edit-error" />
      <FormField id="edit-description" label="Description" messages={messages('description')} messagesTestId="edit-description-issues">
        <Textfield
          id="edit-description"
          value={description}
          isInvalid={messages('description').length > 0}
          onChange={(event) => setDescription(inputValue(event))}
          testId="edit-description"
        />
      </FormField>
      <TokenLimitsFields
        idPrefix="edit"
        value={limits}
        onChange={setLimits}
        messages={messages}
        allowlistHelp="One address or CIDR range per line. Empty allows any address."
        rateLimitHelp="Empty removes this token's own limit."
      />
      <SectionMessage appearance="information" testId="edit-scope-expiry-note">
        <Text>
          Scope ({SCOPE_LABELS[token.scope]}) and expiry ({formatDate(token.expiresAt, 'never')}) cannot be changed on an
          existing token. To change them, create a new token, move your scripts to it, then revoke this one.
        </Text>
      </SectionMessage>
    </FormDialog>
  );
}
