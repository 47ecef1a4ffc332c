/** Tabs: a TabList of Tab nodes and one TabPanel per tab, with the ARIA tabs pattern. */
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
            onClick={() => select(index)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight') select((index + 1) % tabs.length);
              if (event.key === 'ArrowLeft') select((index - 1 + tabs.length) % tabs.length);
            }}
            {...hooks(tab)}
          >
            {renderDocs(tab.children)}
          </button>
        ))}
      </div>
      {panel ? (
        <div role="tabpanel" id={`${baseId}-panel-${selected}`} aria-labelledby={`${baseId}-tab-${selected}`} className="forge-tab-panel" {...hooks(panel)}>
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
