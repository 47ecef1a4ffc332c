/** SectionMessage (with actions) and EmptyState. Actions arrive as React elements in props. */
import React, { useId } from 'react';
import { callHandler, serialiseEvent } from '../events';
import { hooks, renderValue, str, type ForgeComponent } from '../node';

const APPEARANCE_ICON: Record<string, string> = { information: 'ℹ', warning: '⚠', error: '⊘', success: '✓', discovery: '✦', change: 'ℹ' };

const SectionMessage: ForgeComponent = ({ node, props, children }) => {
  const headingId = useId();
  const appearance = str(props.appearance) ?? 'information';
  const hasTitle = props.title !== undefined && props.title !== '';
  return (
    <section
      className={`forge-section-message forge-appearance-${appearance}`}
      aria-labelledby={hasTitle ? headingId : undefined}
      aria-label={hasTitle ? undefined : appearance}
      {...hooks(node)}
    >
      <span className="forge-section-icon" aria-hidden="true">
        {APPEARANCE_ICON[appearance] ?? 'ℹ'}
      </span>
      <div className="forge-section-content">
        {hasTitle ? <h2 id={headingId}>{renderValue(props.title)}</h2> : null}
        <div>{children}</div>
        {props.actions !== undefined ? <div className="forge-section-actions">{renderValue(props.actions)}</div> : null}
      </div>
    </section>
  );
};

const SectionMessageAction: ForgeComponent = ({ node, props, children }) =>
  str(props.href) ? (
    <a className="forge-link" href={str(props.href)} {...hooks(node)}>
      {children}
    </a>
  ) : (
    <button type="button" className="forge-button forge-button-link" onClick={(event) => callHandler(props.onClick, serialiseEvent(event))} {...hooks(node)}>
      {children}
    </button>
  );

const EmptyState: ForgeComponent = ({ node, props }) => {
  const level = typeof props.headingLevel === 'number' && props.headingLevel >= 1 && props.headingLevel <= 6 ? props.headingLevel : 4;
  const Heading = `h${level}` as 'h4';
  return (
    <div className="forge-empty-state" {...hooks(node)}>
      <Heading className="forge-heading forge-heading-medium">{renderValue(props.header)}</Heading>
      {props.description !== undefined ? <p className="forge-helper">{renderValue(props.description)}</p> : null}
      {props.isLoading === true ? <span className="forge-spinner" role="status" aria-label="Loading" /> : null}
      <div className="forge-button-group" role="group" aria-label={str(props.buttonGroupLabel)}>
        {renderValue(props.primaryAction)}
        {renderValue(props.secondaryAction)}
      </div>
      {renderValue(props.tertiaryAction)}
    </div>
  );
};

export const messageComponents = { SectionMessage, SectionMessageAction, EmptyState };
