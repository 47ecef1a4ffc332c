/**
 * Renders one ForgeDoc node with the component registered for its type. Every element carries
 * `data-forge-type`, and `data-testid` from the node's `testId` prop, as stable test hooks.
 * Types with no component render their children inside a visible marker.
 */
import React, { type ReactNode } from 'react';
import { stringText, toDocs, type ForgeDoc } from './forge-doc';

export type Props = Record<string, unknown>;

export interface ForgeComponentProps {
  node: ForgeDoc;
  props: Props;
  /** The node's children, already rendered. */
  children: ReactNode;
}

export type ForgeComponent = (input: ForgeComponentProps) => React.JSX.Element | null;

const registry = new Map<string, ForgeComponent>();

export function registerComponents(components: Record<string, ForgeComponent>): void {
  for (const [type, component] of Object.entries(components)) registry.set(type, component);
}

/** `data-forge-type` and `data-testid` for the element that represents `node`. */
export function hooks(node: ForgeDoc, extra?: string): { 'data-forge-type': string; 'data-testid'?: string } {
  const testId = node.props.testId;
  return {
    'data-forge-type': extra ?? node.type,
    ...(typeof testId === 'string' ? { 'data-testid': testId } : {}),
  };
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);
export const bool = (value: unknown): boolean => value === true;

function Unknown({ node, children }: ForgeComponentProps): React.JSX.Element {
  return (
    <div className="forge-unknown" {...hooks(node)}>
      <span className="forge-unknown-label">{`<${node.type}>`}</span>
      {children}
    </div>
  );
}

export function ForgeNode({ node }: { node: ForgeDoc }): React.JSX.Element | null {
  if (node.type === 'String') return <>{stringText(node.props.text)}</>;
  const Component = registry.get(node.type) ?? Unknown;
  return (
    <Component node={node} props={node.props}>
      {renderDocs(node.children)}
    </Component>
  );
}

export function renderDocs(nodes: readonly ForgeDoc[]): ReactNode {
  return nodes.map((child, index) => <ForgeNode key={child.key ?? `${child.type}-${index}`} node={child} />);
}

/** A prop that may hold text, ForgeDoc nodes or React elements (e.g. `actions`, `content`). */
export function renderValue(value: unknown): ReactNode {
  return renderDocs(toDocs(value));
}
