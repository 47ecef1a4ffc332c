// Once per Jest run: build what the local host serves (app bundle, UI Kit pages, Custom UI), and start an empty
// suite-wide log of product calls for the outbound check that runs as globalTeardown.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { resetOutboundLog } from './outbound-check';

export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'local', 'build.mjs')], { stdio: 'inherit', cwd: root });
  resetOutboundLog();
}
