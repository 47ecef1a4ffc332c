/**
 * The README's run command on a machine with only Node and npm: a fresh clone of this commit is
 * installed with pkg-config unable to find libsecret (`PKG_CONFIG_LIBDIR` pointed at an empty
 * folder, so keytar could not build even if its install script ran), then `npm start` must print
 * the host's URLs. Minutes of installing, so it runs only when FRESH_INSTALL_TEST=1 (.ci/run sets it).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const enabled = process.env.FRESH_INSTALL_TEST === '1';
const maybe = enabled ? describe : describe.skip;

maybe('a fresh clone without libsecret', () => {
  let work: string;
  let clone: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'fresh-install-'));
    clone = path.join(work, 'app');
    const emptyPkgConfig = path.join(work, 'no-pkg-config');
    execFileSync('mkdir', ['-p', emptyPkgConfig]);
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    env = { ...process.env, PKG_CONFIG_LIBDIR: emptyPkgConfig, PKG_CONFIG_PATH: '', PORT: '0', LOCAL_STORE: 'memory' };
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('installs with npm install', () => {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: clone, env, stdio: 'pipe', timeout: 30 * 60_000 });
  }, 31 * 60_000);

  it('starts with npm start and prints the URLs', async () => {
    const child = spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (/Press Ctrl\+C to stop\./.test(out)) resolve();
        });
        child.stderr.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
        });
        child.on('exit', (code) => reject(new Error(`npm start exited (${String(code)}):\n${out}`)));
      });
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }
    expect(out).toMatch(/Local Forge host: http:\/\/127\.0\.0\.1:\d+\//);
    expect(out).not.toMatch(/KB minified/);
  }, 5 * 60_000);
});

