/** Icon glyph names (UI Kit's `glyph` prop) drawn as plain Unicode symbols. */
import React from 'react';

const GLYPHS: Record<string, string> = {
  add: '+', 'add-circle': '⊕', 'check': '✓', 'check-circle': '✓', 'check-circle-outline': '✓', cross: '✕', 'cross-circle': '⊗',
  'editor-close': '✕', warning: '⚠', error: '⊘', info: 'ℹ', 'question-circle': '?', 'chevron-down': '▾', 'chevron-up': '▴',
  'chevron-right': '▸', 'chevron-left': '◂', 'arrow-right': '→', 'arrow-left': '←', 'arrow-up': '↑', 'arrow-down': '↓',
  copy: '⧉', edit: '✎', 'edit-filled': '✎', trash: '🗑', search: '⌕', refresh: '↻', lock: '🔒', 'lock-filled': '🔒', unlock: '🔓',
  'unlock-filled': '🔓', person: '👤', people: '👥', 'people-group': '👥', calendar: '📅', 'calendar-filled': '📅', clock: '🕒',
  download: '⤓', upload: '⤒', filter: '⏷', 'more': '…', 'more-vertical': '⋮', 'watch': '👁', 'watch-filled': '👁', key: '🔑',
  link: '🔗', 'shortcut': '↗', 'open': '↗', settings: '⚙', 'star': '☆', 'star-filled': '★', 'shield': '🛡', 'flag-filled': '⚑',
};

export function glyphSymbol(glyph: string): string {
  return GLYPHS[glyph] ?? '•';
}

/** A decorative icon inside a button (the button's text already says what it does). */
export function GlyphIcon({ glyph }: { glyph: unknown }): React.JSX.Element {
  return (
    <span className="forge-icon forge-icon-small" aria-hidden="true" data-glyph={String(glyph)}>
      {glyphSymbol(String(glyph))}
    </span>
  );
}
