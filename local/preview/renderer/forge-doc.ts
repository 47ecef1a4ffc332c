/**
 * The ForgeDoc tree `@forge/react` sends through the bridge: `{type, props, children, key}`, with
 * text as `String` nodes. Some props (SectionMessage actions, EmptyState actions, table cells
 * given as JSX) hold React elements instead; `toDocs` turns either form into ForgeDoc nodes.
 */
import { isValidElement, type ReactElement } from 'react';

export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
  key?: string;
}

export function isForgeDoc(value: unknown): value is ForgeDoc {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ForgeDoc).type === 'string' &&
    Array.isArray((value as ForgeDoc).children) &&
    typeof (value as ForgeDoc).props === 'object'
  );
}

const textNode = (text: string): ForgeDoc => ({ type: 'String', props: { text }, children: [] });

function elementToDocs(element: ReactElement): ForgeDoc[] {
  const { children, ...props } = (element.props ?? {}) as Record<string, unknown>;
  if (typeof element.type === 'string') {
    return [{ type: element.type, props, children: toDocs(children), ...(element.key === null ? {} : { key: String(element.key) }) }];
  }
  if (typeof element.type === 'function') {
    // A function component given as a prop value: evaluate it, as @forge/react does for table cells.
    try {
      return toDocs((element.type as (p: unknown) => unknown)(element.props));
    } catch (error) {
      console.error('[preview] could not evaluate a component passed as a prop', error);
      return [];
    }
  }
  return toDocs(children); // Fragment and friends
}

/** Any renderable value (ForgeDoc, React element, text, array) as a list of ForgeDoc nodes. */
export function toDocs(value: unknown): ForgeDoc[] {
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return [textNode(String(value))];
  if (Array.isArray(value)) return value.flatMap((item) => toDocs(item));
  if (isForgeDoc(value)) return [value];
  if (isValidElement(value)) return elementToDocs(value);
  return [];
}

/** The text of a `String` node (`@forge/react` puts it in `props.text`). */
export function stringText(text: unknown): string {
  return typeof text === 'string' || typeof text === 'number' ? String(text) : '';
}

/** The plain text of a subtree (for labels, titles and sorting). */
export function textOf(value: unknown): string {
  return toDocs(value)
    .map((node) => (node.type === 'String' ? stringText(node.props.text) : textOf(node.children)))
    .join('');
}
