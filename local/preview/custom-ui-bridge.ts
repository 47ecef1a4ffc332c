// Browser entry injected into Custom UI pages before their first script: defines window.__bridge.
import { installBridge } from './bridge';

const config = window.__LOCAL_FORGE__;
if (config) installBridge(config);
else console.error('[local bridge] window.__LOCAL_FORGE__ is missing; the host injects it before this script.');
