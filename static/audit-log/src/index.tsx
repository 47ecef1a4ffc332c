/** Entry point of the audit-log Custom UI (manifest resource `audit-log-ui`). */
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './App';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
