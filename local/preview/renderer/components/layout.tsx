/** Layout primitives: Root, Box, Stack, Inline, Flex, Grid, List. Spacing tokens map to CSS gaps. */
import React, { type CSSProperties } from 'react';
import { hooks, str, type ForgeComponent, type ForgeComponentProps } from '../node';
import { space, tokenValue, xcssStyle } from '../tokens';

const ALIGN: Record<string, string> = { start: 'flex-start', center: 'center', end: 'flex-end', stretch: 'stretch', baseline: 'baseline' };
const align = (value: unknown): string | undefined => (typeof value === 'string' ? ALIGN[value] ?? value : undefined);

function boxStyle(props: Record<string, unknown>): CSSProperties {
  const style: Record<string, string | number | undefined> = { ...xcssStyle(props.xcss) };
  const paddings: Array<[string, string]> = [
    ['padding', 'padding'], ['paddingBlock', 'paddingBlock'], ['paddingInline', 'paddingInline'],
    ['paddingBlockStart', 'paddingBlockStart'], ['paddingBlockEnd', 'paddingBlockEnd'],
    ['paddingInlineStart', 'paddingInlineStart'], ['paddingInlineEnd', 'paddingInlineEnd'],
  ];
  for (const [prop, css] of paddings) if (props[prop] !== undefined) style[css] = space(props[prop]);
  if (props.backgroundColor !== undefined) style.backgroundColor = tokenValue(props.backgroundColor);
  return style;
}

const Root: ForgeComponent = ({ node, children }) => (
  <div className="forge-root-node" {...hooks(node)}>
    {children}
  </div>
);

const Box: ForgeComponent = ({ node, props, children }) => {
  const Tag = (str(props.as) ?? 'div') as 'div';
  return (
    <Tag className="forge-box" style={boxStyle(props)} {...hooks(node)}>
      {children}
    </Tag>
  );
};

function flex(direction: 'column' | 'row', { node, props, children }: ForgeComponentProps): React.JSX.Element {
  const style: CSSProperties = {
    display: 'flex',
    flexDirection: direction,
    gap: space(props.space) ?? '0px',
    rowGap: direction === 'row' && props.rowSpace !== undefined ? space(props.rowSpace) : undefined,
    alignItems: align(direction === 'column' ? props.alignInline : props.alignBlock) ?? (direction === 'row' ? 'flex-start' : 'stretch'),
    justifyContent: props.spread === 'space-between' ? 'space-between' : align(direction === 'column' ? props.alignBlock : props.alignInline),
    flexWrap: props.shouldWrap === true ? 'wrap' : undefined,
    flexGrow: props.grow === 'fill' ? 1 : undefined,
    ...xcssStyle(props.xcss),
  };
  const Tag = (str(props.as) ?? 'div') as 'div';
  return (
    <Tag className={direction === 'column' ? 'forge-stack' : 'forge-inline'} style={style} {...hooks(node)}>
      {children}
    </Tag>
  );
}

const Stack: ForgeComponent = (input) => flex('column', input);
const Inline: ForgeComponent = (input) => flex('row', input);

const Flex: ForgeComponent = ({ node, props, children }) => (
  <div
    className="forge-flex"
    style={{
      display: 'flex',
      flexDirection: (str(props.direction) ?? 'row') as CSSProperties['flexDirection'],
      gap: space(props.gap),
      alignItems: align(props.alignItems),
      justifyContent: align(props.justifyContent) ?? str(props.justifyContent),
      flexWrap: str(props.wrap),
      ...xcssStyle(props.xcss),
    }}
    {...hooks(node)}
  >
    {children}
  </div>
);

const Grid: ForgeComponent = ({ node, props, children }) => (
  <div
    className="forge-grid"
    style={{ display: 'grid', gap: space(props.gap), gridTemplateColumns: str(props.templateColumns), ...xcssStyle(props.xcss) }}
    {...hooks(node)}
  >
    {children}
  </div>
);

const List: ForgeComponent = ({ node, props, children }) => {
  const ordered = props.type === 'ordered';
  const Tag = ordered ? 'ol' : 'ul';
  return (
    <Tag className="forge-list" {...hooks(node)}>
      {children}
    </Tag>
  );
};

const ListItem: ForgeComponent = ({ node, children }) => <li {...hooks(node)}>{children}</li>;

export const layoutComponents = { Root, Box, Stack, Inline, Flex, Grid, List, ListItem };
