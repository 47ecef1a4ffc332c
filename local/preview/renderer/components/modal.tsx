/** Modal dialog: `role="dialog"`, labelled by its ModalTitle; Escape and the backdrop call `onClose`. */
import React, { createContext, useContext, useEffect, useId, useRef } from 'react';
import { callHandler } from '../events';
import { bool, hooks, str, type ForgeComponent } from '../node';

const ModalContext = createContext<{ titleId: string; onClose: unknown }>({ titleId: '', onClose: undefined });

const WIDTHS: Record<string, string> = { small: '400px', medium: '600px', large: '800px', 'x-large': '968px' };

const Modal: ForgeComponent = ({ node, props, children }) => {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = dialog.current?.querySelector<HTMLElement>('input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])');
    (props.autoFocus === false ? dialog.current : first ?? dialog.current)?.focus();
  }, [props.autoFocus]);
  const width = typeof props.width === 'number' ? `${props.width}px` : WIDTHS[str(props.width) ?? 'medium'] ?? str(props.width);
  return (
    <div className="forge-modal-backdrop" onMouseDown={(event) => event.target === event.currentTarget && callHandler(props.onClose)}>
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={str(props.label) ? undefined : titleId}
        aria-label={str(props.label)}
        tabIndex={-1}
        className="forge-modal"
        style={{ width }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') callHandler(props.onClose);
        }}
        {...hooks(node)}
      >
        <ModalContext.Provider value={{ titleId, onClose: props.onClose }}>{children}</ModalContext.Provider>
      </div>
    </div>
  );
};

const ModalHeader: ForgeComponent = ({ node, props, children }) => {
  const { onClose } = useContext(ModalContext);
  return (
    <div className="forge-modal-header" {...hooks(node)}>
      {children}
      {bool(props.hasCloseButton) ? (
        <button type="button" className="forge-button forge-button-subtle" aria-label="Close" onClick={() => callHandler(onClose)}>
          ✕
        </button>
      ) : null}
    </div>
  );
};

const ModalTitle: ForgeComponent = ({ node, props, children }) => {
  const { titleId } = useContext(ModalContext);
  return (
    <h1 id={titleId} className={`forge-modal-title${str(props.appearance) ? ` forge-appearance-${str(props.appearance)}` : ''}`} {...hooks(node)}>
      {children}
    </h1>
  );
};

const ModalBody: ForgeComponent = ({ node, children }) => (
  <div className="forge-modal-body" {...hooks(node)}>
    {children}
  </div>
);

const ModalFooter: ForgeComponent = ({ node, children }) => (
  <div className="forge-modal-footer" {...hooks(node)}>
    {children}
  </div>
);

const ModalTransition: ForgeComponent = ({ children }) => <>{children}</>;

export const modalComponents = { Modal, ModalHeader, ModalTitle, ModalBody, ModalFooter, ModalTransition };
