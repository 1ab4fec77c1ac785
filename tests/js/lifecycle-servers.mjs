// The servers the lifecycle scenarios run against, for the Node and the Chromium runners.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './emulator.mjs';
import { scriptServer } from './script-server.mjs';

const unlimited = ['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0'];
const certs = fileURLToPath(new URL('../fixtures/certs/', import.meta.url));

/** The PEM files of tests/fixtures/certs, by name. */
export const fixtures = Object.fromEntries(
  readdirSync(certs).filter((f) => /\.(crt|key)$/.test(f)).map((f) => [f, readFileSync(certs + f, 'utf8')]),
);

export async function startLifecycleServers() {
  const [emu, paged, contract] = await Promise.all([
    startEmulator(unlimited),
    startEmulator([...unlimited, '--max-page-size', '2']),
    startEmulator([...unlimited, '--contract', '2025-09']),
  ]);
  const srv = await scriptServer(emu.url);
  return {
    emu, paged, contract, srv,
    urls: { emuUrl: emu.url, pagedUrl: paged.url, contractUrl: contract.url, scriptUrl: srv.url },
    async stop() {
      await srv.close();
      await Promise.all([emu.stop(), paged.stop(), contract.stop()]);
    },
  };
}
