/** Form, its sections and field messages. `Label labelFor` points at the control's (prefixed) id. */
import React from 'react';
import { callHandler } from '../events';
import { hooks, renderValue, str, type ForgeComponent } from '../node';

const Form: ForgeComponent = ({ node, props, children }) => (
  <form
    className="forge-form"
    noValidate
    onSubmit={(event) => {
      event.preventDefault();
      // useForm's handleSubmit(...) takes an optional event; the platform's renderer calls it without a DOM event.
      callHandler(props.onSubmit);
    }}
    {...hooks(node)}
  >
    {children}
  </form>
);

const FormHeader: ForgeComponent = ({ node, props, children }) => (
  <div className="forge-form-header" {...hooks(node)}>
    {props.title !== undefined ? <h2 className="forge-heading forge-heading-medium">{renderValue(props.title)}</h2> : null}
    {props.description !== undefined ? <p className="forge-helper">{renderValue(props.description)}</p> : null}
    {children}
  </div>
);

const FormSection: ForgeComponent = ({ node, props, children }) => (
  <section className="forge-form-section" {...hooks(node)}>
    {props.title !== undefined ? <h3 className="forge-heading forge-heading-small">{renderValue(props.title)}</h3> : null}
    {props.description !== undefined ? <p className="forge-helper">{renderValue(props.description)}</p> : null}
    {children}
  </section>
);

const FormFooter: ForgeComponent = ({ node, props, children }) => (
  <div className={`forge-form-footer forge-align-${str(props.align) ?? 'end'}`} {...hooks(node)}>
    {children}
  </div>
);

const Label: ForgeComponent = ({ node, props, children }) => (
  <label className="forge-label" htmlFor={str(props.labelFor)} id={str(props.id)} {...hooks(node)}>
    {children}
  </label>
);

const HelperMessage: ForgeComponent = ({ node, children }) => (
  <div className="forge-helper" {...hooks(node)}>
    {children}
  </div>
);

const ErrorMessage: ForgeComponent = ({ node, children }) => (
  <div className="forge-error-message" aria-live="polite" {...hooks(node)}>
    <span aria-hidden="true">⚠ </span>
    {children}
  </div>
);

const ValidMessage: ForgeComponent = ({ node, children }) => (
  <div className="forge-valid-message" aria-live="polite" {...hooks(node)}>
    <span aria-hidden="true">✓ </span>
    {children}
  </div>
);

const RequiredAsterisk: ForgeComponent = ({ node }) => (
  <span className="forge-required" title="required" {...hooks(node)}>
    <span aria-hidden="true">*</span>
    <span className="local-sr">(required)</span>
  </span>
);

export const formComponents = { Form, FormHeader, FormSection, FormFooter, Label, HelperMessage, ErrorMessage, ValidMessage, RequiredAsterisk };
