import type { SettingsForm } from './settings-form';

/** What every part of the Audit settings tab receives: the form, a patcher, and the messages of a field. */
export interface SectionProps {
  form: SettingsForm;
  onChange: (patch: Partial<SettingsForm>) => void;
  /** Local and server (INVALID_INPUT) messages for a settings path such as `retention.defaultDays`. */
  messages: (field: string) => string[];
}
