// Starts the emulator binary on a free port of 127.0.0.1 for a test, and stops it afterwards.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const EMULATOR_BIN = process.env.LIVEOPS_EMULATOR_BIN ?? `${root}target/debug/liveops-emulator`;
export const DEMO_ACCESS_KEY_ID = 'AKLTLIVEOPSDEMO0000000000';
export const DEMO_SECRET_ACCESS_KEY = 'liveopsDemoSecretKey000000000000';

/** Starts the emulator; `quiet: false` keeps its request log, collected in `output()`. */
export async function startEmulator(args = [], { quiet = true } = {}) {
  if (!existsSync(EMULATOR_BIN)) throw new Error(`${EMULATOR_BIN} is missing: run cargo build -p liveops-emulator`);
  const child = spawn(EMULATOR_BIN, ['--listen', '127.0.0.1:0', ...(quiet ? ['--quiet'] : []), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}`)), 10000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
  return {
    url,
    output: () => out,
    host: new URL(url).host,
    async state() {
      return (await fetch(`${url}/_emulator/state`)).json();
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    },
  };
}
