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

/**
 * Glyphs whose Unicode symbol most fonts lack (headless Chromium drew ⧉ and 👤 as empty boxes):
 * drawn with the SVG paths Atlaskit ships for them (@atlaskit/icon/svgs/copy.svg, person.svg).
 */
const ATLASKIT_PATHS: Record<string, React.JSX.Element> = {
  copy: (
    <>
      <path d="M10 19h8V8h-8zM8 7.992C8 6.892 8.902 6 10.009 6h7.982C19.101 6 20 6.893 20 7.992v11.016c0 1.1-.902 1.992-2.009 1.992H10.01A2 2 0 0 1 8 19.008z" />
      <path d="M5 16V4.992C5 3.892 5.902 3 7.009 3H15v13zm2 0h8V5H7z" />
    </>
  ),
  person: (
    <>
      <path d="M6 14c0-1.105.902-2 2.009-2h7.982c1.11 0 2.009.894 2.009 2.006v4.44c0 3.405-12 3.405-12 0z" />
      <circle cx="12" cy="7" r="4" />
    </>
  ),
};

/** The glyph as drawn inside an icon element: Atlaskit's SVG where the preview has it, else its symbol. */
export function GlyphGraphic({ glyph }: { glyph: string }): React.JSX.Element {
  const paths = ATLASKIT_PATHS[glyph];
  if (!paths) return <>{glyphSymbol(glyph)}</>;
  return (
    <svg viewBox="0 0 24 24" width="1.15em" height="1.15em" fill="currentColor" fillRule="evenodd" focusable="false" style={{ verticalAlign: '-0.2em' }}>
      {paths}
    </svg>
  );
}

/** A decorative icon inside a button (the button's text already says what it does). */
export function GlyphIcon({ glyph }: { glyph: unknown }): React.JSX.Element {
  return (
    <span className="forge-icon forge-icon-small" aria-hidden="true" data-glyph={String(glyph)}>
      <GlyphGraphic glyph={String(glyph)} />
    </span>
  );
}
