/** Text and small display components: Text, Heading, Strong, Em, Link, Lozenge, Badge, Code, Tag, User, Icon, Tooltip, Spinner... */
import React, { useId } from 'react';
import { textOf } from '../forge-doc';
import { bool, hooks, renderValue, str, type ForgeComponent } from '../node';
import { tokenValue } from '../tokens';
import { GlyphGraphic } from './glyph';

const Text: ForgeComponent = ({ node, props, children }) => {
  const as = str(props.as) ?? 'p';
  const Tag = (as === 'strike' ? 's' : ['p', 'span', 'strong', 'em', 'b', 'i', 'del', 'kbd', 'sub', 'sup', 'ins'].includes(as) ? as : 'p') as 'p';
  const className = ['forge-text', str(props.size) ? `forge-size-${str(props.size)}` : '', str(props.weight) ? `forge-weight-${str(props.weight)}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <Tag
      className={className}
      style={{ textAlign: str(props.align) as React.CSSProperties['textAlign'], color: tokenValue(props.color) as string | undefined }}
      {...hooks(node)}
    >
      {children}
    </Tag>
  );
};

const HEADING_SIZE_TO_LEVEL: Record<string, number> = { xxlarge: 1, xlarge: 1, large: 2, medium: 3, small: 4, xsmall: 5, xxsmall: 6 };

const Heading: ForgeComponent = ({ node, props, children }) => {
  const as = str(props.as);
  const level = as && /^h[1-6]$/.test(as) ? Number(as.slice(1)) : HEADING_SIZE_TO_LEVEL[str(props.size) ?? ''] ?? 2;
  const Tag = `h${level}` as 'h2';
  return (
    <Tag className={`forge-heading forge-heading-${str(props.size) ?? `h${level}`}`} id={str(props.id)} {...hooks(node)}>
      {children}
    </Tag>
  );
};

const Strong: ForgeComponent = ({ node, children }) => <strong {...hooks(node)}>{children}</strong>;
const Em: ForgeComponent = ({ node, children }) => <em {...hooks(node)}>{children}</em>;
const Strike: ForgeComponent = ({ node, children }) => <s {...hooks(node)}>{children}</s>;

const Link: ForgeComponent = ({ node, props, children }) => {
  const newTab = bool(props.openNewTab);
  return (
    <a className="forge-link" href={str(props.href)} {...(newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})} {...hooks(node)}>
      {children}
      {newTab ? <span className="local-sr"> (opens in a new tab)</span> : null}
    </a>
  );
};

const Lozenge: ForgeComponent = ({ node, props, children }) => (
  <span className={`forge-lozenge forge-lozenge-${str(props.appearance) ?? 'default'}${bool(props.isBold) ? ' forge-bold' : ''}`} {...hooks(node)}>
    {children}
  </span>
);

const Badge: ForgeComponent = ({ node, props, children }) => {
  const max = typeof props.max === 'number' ? props.max : 99;
  const text = textOf(node.children);
  const value = Number(text);
  return (
    <span className={`forge-badge forge-badge-${str(props.appearance) ?? 'default'}`} {...hooks(node)}>
      {Number.isFinite(value) && text !== '' && value > max ? `${max}+` : children}
    </span>
  );
};

const Code: ForgeComponent = ({ node, children }) => (
  <code className="forge-code" {...hooks(node)}>
    {children}
  </code>
);

const CodeBlock: ForgeComponent = ({ node, props }) => {
  const text = str(props.text) ?? '';
  const lines = text.split('\n');
  return (
    <pre className="forge-code-block" data-language={str(props.language)} {...hooks(node)}>
      <code>{bool(props.showLineNumbers) ? lines.map((line, index) => `${String(index + 1).padStart(3)}  ${line}`).join('\n') : text}</code>
    </pre>
  );
};

const Tag: ForgeComponent = ({ node, props, children }) => {
  const text = str(props.text);
  const content = text ?? children;
  const href = str(props.href);
  return (
    <span className={`forge-tag forge-tag-${str(props.color) ?? str(props.appearance) ?? 'standard'}`} {...hooks(node)}>
      {href ? <a href={href}>{content}</a> : content}
    </span>
  );
};

const TagGroup: ForgeComponent = ({ node, children }) => (
  <div className="forge-tag-group" role="group" {...hooks(node)}>
    {children}
  </div>
);

function displayNameOf(accountId: string): string {
  return window.__LOCAL_FORGE__?.accounts.find((account) => account.accountId === accountId)?.displayName ?? accountId;
}

const User: ForgeComponent = ({ node, props }) => {
  const accountId = str(props.accountId) ?? '';
  const name = displayNameOf(accountId);
  const initials = name.split(/\s+/).map((part) => part[0] ?? '').join('').slice(0, 2).toUpperCase();
  return (
    <span className="forge-user" data-account-id={accountId} {...hooks(node)}>
      <span className="forge-avatar" aria-hidden="true">
        {initials}
      </span>
      {bool(props.hideDisplayName) ? <span className="local-sr">{name}</span> : name}
    </span>
  );
};

const UserGroup: ForgeComponent = ({ node, children }) => (
  <span className="forge-user-group" role="group" {...hooks(node)}>
    {children}
  </span>
);


const Icon: ForgeComponent = ({ node, props }) => {
  const glyph = str(props.glyph) ?? '';
  const label = str(props.label) ?? '';
  return (
    <span
      className={`forge-icon forge-icon-${str(props.size) ?? 'medium'}`}
      data-glyph={glyph}
      style={{ color: tokenValue(props.color ?? props.primaryColor) as string | undefined }}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
      {...hooks(node)}
    >
      <GlyphGraphic glyph={glyph} />
    </span>
  );
};

const Tooltip: ForgeComponent = ({ node, props, children }) => {
  const id = useId();
  const content = textOf(props.content);
  return (
    <span className="forge-tooltip" title={content} aria-describedby={id} {...hooks(node)}>
      {children}
      <span id={id} role="tooltip" className="forge-tooltip-content">
        {renderValue(props.content)}
      </span>
    </span>
  );
};

const Spinner: ForgeComponent = ({ node, props }) => (
  <span className={`forge-spinner forge-spinner-${str(props.size) ?? 'medium'}`} role="status" aria-label={str(props.label) ?? 'Loading'} {...hooks(node)} />
);

const ProgressBar: ForgeComponent = ({ node, props }) => {
  const value = typeof props.value === 'number' ? props.value : 0;
  return (
    <div
      className="forge-progress"
      role="progressbar"
      aria-label={str(props.ariaLabel) ?? str(props.label)}
      aria-valuemin={0}
      aria-valuemax={1}
      {...(bool(props.isIndeterminate) ? {} : { 'aria-valuenow': value })}
      {...hooks(node)}
    >
      <div className="forge-progress-bar" style={{ width: `${Math.round(Math.min(Math.max(value, 0), 1) * 100)}%` }} />
    </div>
  );
};

const Image: ForgeComponent = ({ node, props }) => <img className="forge-image" src={str(props.src)} alt={str(props.alt) ?? ''} {...hooks(node)} />;

export const textComponents = {
  Text, Heading, Strong, Em, Strike, Link, Lozenge, Badge, Code, CodeBlock, Tag, TagGroup, User, UserGroup, Icon, Tooltip, Spinner,
  ProgressBar, Image,
};
