// Entry of the `my-api-tokens` personal settings page (UI Kit): renders the app into the Forge bridge.
import React from 'react';
import ForgeReconciler from '@forge/react';
import { PersonalApp } from './PersonalApp';

ForgeReconciler.render(<PersonalApp />);
