/**
 * The UI Kit preview renderer (browser). Installs `self.__bridge` before the page's bundle runs,
 * keeps the latest ForgeDoc the page sends, and draws it with React DOM as accessible HTML.
 */
import React, { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from '../bridge';
import { wireAccountSwitcher } from '../header';
import { chartComponents } from './components/charts';
import { formComponents } from './components/form';
import { inputComponents } from './components/inputs';
import { layoutComponents } from './components/layout';
import { messageComponents } from './components/messages';
import { modalComponents } from './components/modal';
import { tableComponents } from './components/table';
import { tabComponents } from './components/tabs';
import { textComponents } from './components/text';
import { DocStore } from './doc-store';
import { isForgeDoc } from './forge-doc';
import { ForgeNode, registerComponents } from './node';

registerComponents({
  ...layoutComponents,
  ...textComponents,
  ...inputComponents,
  ...formComponents,
  ...tableComponents,
  ...tabComponents,
  ...modalComponents,
  ...messageComponents,
  ...chartComponents,
});

function Preview({ store }: { store: DocStore }): React.JSX.Element {
  useSyncExternalStore(store.subscribe, store.version);
  const { doc, error } = store.current();
  return (
    <>
      {error ? (
        <div className="forge-section-message forge-appearance-error" role="alert" data-testid="preview-error">
          <div className="forge-section-content">
            <h2>The page reported an error</h2>
            <p>{error}</p>
          </div>
        </div>
      ) : null}
      {doc ? <ForgeNode node={doc} /> : <p className="local-meta" role="status">Loading the page…</p>}
    </>
  );
}

const config = window.__LOCAL_FORGE__;
const store = new DocStore();
if (config) {
  installBridge(config, {
    onReconcile: (forgeDoc) => {
      if (isForgeDoc(forgeDoc)) store.setDoc(forgeDoc);
    },
    onError: (error) => store.setError(error),
  });
}
window.addEventListener('error', (event) => store.setError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => console.error('[preview] unhandled rejection', event.reason));
wireAccountSwitcher();

const container = document.getElementById('forge-root');
if (container) createRoot(container).render(<Preview store={store} />);
