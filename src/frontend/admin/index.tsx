// Entry of the `api-token-admin` admin page (UI Kit): renders the app into the Forge bridge.
import React from 'react';
import ForgeReconciler from '@forge/react';
import { AdminApp } from './AdminApp';

ForgeReconciler.render(<AdminApp />);
