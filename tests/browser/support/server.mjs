// Starts the real plenary binary on a free loopback port with a fresh database
// and one organizer account, and stops it with SIGTERM.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo_root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const hang_guard_ms = 60_000;

function binary_path() {
  return resolve(process.env.PLENARY_BINARY ?? join(repo_root, 'build/server/plenary'));
}

function add_user(binary, db, user) {
  const result = spawnSync(binary, ['user', 'add', '--db', db, '--email', user.email, '--name', user.name,
                                    '--role', 'organizer', '--password-stdin'],
                           { input: `${user.password}\n`, encoding: 'utf8', timeout: hang_guard_ms });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`plenary user add failed (${result.status}): ${result.stderr}`);
}

// Resolves with the port from the "listening" log line on stderr.
function wait_for_port(proc, log) {
  return new Promise((resolve_port, reject) => {
    let pending = '';
    const timer = setTimeout(() => reject(new Error(`plenary did not start:\n${log.join('')}`)), hang_guard_ms);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      if (log.length < 500) log.push(chunk);  // kept for failure messages, bounded
      pending += chunk;
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const m = line.includes('"msg":"listening"') && /127\.0\.0\.1:(\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve_port(Number(m[1]));
        }
      }
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`plenary exited early (${code ?? signal}):\n${log.join('')}`));
    });
  });
}

function healthz(port) {
  return new Promise((resolve_status) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve_status(res.statusCode);
    });
    req.on('error', () => resolve_status(0));
  });
}

export async function start_server() {
  const binary = binary_path();
  const dir = await mkdtemp(join(tmpdir(), 'plenary-browser-'));
  const db = join(dir, 'p.db');
  const user = { email: 'ada@example.org', name: 'Ada Organizer', password: 'correct horse battery staple' };
  add_user(binary, db, user);
  const proc = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web-root', join(repo_root, 'web'),
                              '--access-log', 'off'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const log = [];
  let port;
  try {
    port = await wait_for_port(proc, log);
    const deadline = Date.now() + hang_guard_ms;
    while ((await healthz(port)) !== 200) {
      if (Date.now() > deadline) throw new Error('plenary never answered /healthz with 200');
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    proc.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `https://127.0.0.1:${port}`,
    db,
    binary,
    user,
    log,
    async stop() {
      const exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
      proc.kill('SIGTERM');
      const guard = setTimeout(() => proc.kill('SIGKILL'), hang_guard_ms);
      const result = await exited;
      clearTimeout(guard);
      await rm(dir, { recursive: true, force: true });
      return result;
    },
  };
}
