/**
 * Modal dialog as Atlaskit's ModalDialog (which UI Kit's Modal draws) behaves: `role="dialog"`
 * with `aria-modal`, labelled by its ModalTitle; Escape and the blanket call `onClose`. Like its
 * react-focus-lock, focus moves to the first tabbable element on open, Tab and Shift+Tab stay
 * inside, and on close focus returns to the element that opened it, or, when that element is
 * gone, to the nearest tabbable element where it was. A dialog that replaces another (create,
 * then show the secret) returns focus to where the first one was opened.
 */
import React, { createContext, useContext, useEffect, useId, useRef } from 'react';
import { callHandler } from '../events';
import { bool, hooks, str, type ForgeComponent } from '../node';

const ModalContext = createContext<{ titleId: string; onClose: unknown }>({ titleId: '', onClose: undefined });

const WIDTHS: Record<string, string> = { small: '400px', medium: '600px', large: '800px', 'x-large': '968px' };

const TABBABLE = 'input, select, textarea, button, [href], [tabindex]';

function tabbables(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (element) =>
      element.tabIndex >= 0 &&
      !(element as HTMLButtonElement).disabled &&
      !(element instanceof HTMLInputElement && element.type === 'hidden') &&
      element.getClientRects().length > 0,
  );
}

/** Where focus was when a dialog opened: the element and its ancestors, to find a stand-in if it is removed. */
interface ReturnPoint {
  element: HTMLElement;
  ancestors: HTMLElement[];
}

function pointOf(element: Element | null): ReturnPoint | null {
  if (!(element instanceof HTMLElement) || element === document.body || element.closest('.forge-modal') !== null) return null;
  const ancestors: HTMLElement[] = [];
  for (let parent = element.parentElement; parent !== null && parent !== document.body; parent = parent.parentElement) ancestors.push(parent);
  return { element, ancestors };
}

function restore(point: ReturnPoint): void {
  if (point.element.isConnected) {
    point.element.focus();
    return;
  }
  // The nearest ancestor still on the page that holds something to focus (focus-lock's stand-in rule, simplified).
  for (const ancestor of point.ancestors) {
    if (!ancestor.isConnected) continue;
    const standIn = tabbables(ancestor)[0];
    if (standIn !== undefined) {
      standIn.focus();
      return;
    }
  }
}

/** The return point of a dialog that has just closed, for a dialog that opens in its place. */
let handedOver: ReturnPoint | null = null;

const Modal: ForgeComponent = ({ node, props, children }) => {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);

  // Once per dialog: focus moves in when it opens and back when it closes.
  useEffect(() => {
    const returnTo = pointOf(document.activeElement) ?? handedOver;
    handedOver = null;
    const element = dialog.current;
    const first = element === null ? undefined : tabbables(element)[0];
    (props.autoFocus === false ? element : first ?? element)?.focus();
    return () => {
      handedOver = returnTo;
      // After this commit: another dialog may have opened in its place and taken the return point.
      setTimeout(() => {
        if (handedOver !== returnTo || returnTo === null) return;
        handedOver = null;
        if (document.querySelector('.forge-modal') === null) restore(returnTo);
      }, 0);
    };
  }, []);

  // Focus that lands outside (a click on the page behind, a script) is brought back, as focus-lock does.
  useEffect(() => {
    const onFocusIn = (event: FocusEvent): void => {
      const element = dialog.current;
      const target = event.target as Node | null;
      if (element === null || target === null || element.contains(target)) return;
      if (target instanceof Element && target.closest('.forge-modal') !== null) return;
      (tabbables(element)[0] ?? element).focus();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

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
          if (event.key === 'Escape') {
            callHandler(props.onClose);
            return;
          }
          if (event.key !== 'Tab' || dialog.current === null) return;
          // The focus trap: Tab from the last element goes to the first, Shift+Tab from the first to the last.
          const inside = tabbables(dialog.current);
          if (inside.length === 0) {
            event.preventDefault();
            return;
          }
          const current = inside.indexOf(document.activeElement as HTMLElement);
          if (event.shiftKey && current <= 0) {
            event.preventDefault();
            inside[inside.length - 1]?.focus();
          } else if (!event.shiftKey && (current === -1 || current === inside.length - 1)) {
            event.preventDefault();
            inside[0]?.focus();
          }
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
