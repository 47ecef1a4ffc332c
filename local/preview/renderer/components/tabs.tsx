/**
 * Tabs: a TabList of Tab nodes and one TabPanel per tab, with the ARIA tabs pattern as Atlaskit's
 * Tabs (which UI Kit draws) implements it: only the selected tab is in the Tab order; Left and Right
 * (wrapping), Home and End select a tab and move focus to it; the selected panel is focusable.
 */
import React, { useId, useState } from 'react';
import { callHandler } from '../events';
import type { ForgeDoc } from '../forge-doc';
import { hooks, renderDocs, type ForgeComponent } from '../node';

const Tabs: ForgeComponent = ({ node, props }) => {
  const baseId = useId();
  const [local, setLocal] = useState(typeof props.defaultSelected === 'number' ? props.defaultSelected : 0);
  const selected = typeof props.selected === 'number' ? props.selected : local;
  const list = node.children.find((child) => child.type === 'TabList');
  const tabs = (list?.children ?? []).filter((child) => child.type === 'Tab');
  const panels = node.children.filter((child) => child.type === 'TabPanel');
  const select = (index: number): void => {
    setLocal(index);
    callHandler(props.onChange, index);
  };
  const selectAndFocus = (index: number): void => {
    document.getElementById(`${baseId}-tab-${index}`)?.focus();
    select(index);
  };
  const onKeyDown = (event: React.KeyboardEvent, index: number): void => {
    const last = tabs.length - 1;
    const next: Record<string, number> = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last };
    if (!(event.key in next)) return;
    event.preventDefault();
    selectAndFocus(next[event.key] ?? index);
  };
  const panel: ForgeDoc | undefined = panels[selected];
  return (
    <div className="forge-tabs" {...hooks(node)}>
      <div role="tablist" className="forge-tab-list" data-forge-type="TabList">
        {tabs.map((tab, index) => (
          <button
            key={tab.key ?? index}
            type="button"
            role="tab"
            id={`${baseId}-tab-${index}`}
            aria-selected={index === selected}
            aria-controls={`${baseId}-panel-${index}`}
            tabIndex={index === selected ? 0 : -1}
            className={`forge-tab${index === selected ? ' forge-selected' : ''}`}
            aria-posinset={index + 1}
            aria-setsize={tabs.length}
            onClick={() => select(index)}
            onKeyDown={(event) => onKeyDown(event, index)}
            {...hooks(tab)}
          >
            {renderDocs(tab.children)}
          </button>
        ))}
      </div>
      {panel ? (
        <div role="tabpanel" id={`${baseId}-panel-${selected}`} aria-labelledby={`${baseId}-tab-${selected}`} tabIndex={0} className="forge-tab-panel" {...hooks(panel)}>
          {renderDocs(panel.children)}
        </div>
      ) : null}
    </div>
  );
};

// Rendered by Tabs itself; these only show up on their own when used outside Tabs.
const TabList: ForgeComponent = ({ node, children }) => (
  <div role="tablist" {...hooks(node)}>
    {children}
  </div>
);
const Tab: ForgeComponent = ({ node, children }) => (
  <span role="tab" {...hooks(node)}>
    {children}
  </span>
);
const TabPanel: ForgeComponent = ({ node, children }) => (
  <div role="tabpanel" {...hooks(node)}>
    {children}
  </div>
);

export const tabComponents = { Tabs, TabList, Tab, TabPanel };
