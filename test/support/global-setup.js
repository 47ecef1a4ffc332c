// Builds what the browser tests and the local host serve (pages, Custom UI) once per run.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'local', 'build.mjs')], { stdio: 'inherit', cwd: root });
};
