// The servers the client scenarios run against, for the Node and the Chromium runners: the
// emulator without rate limits, one with injected 5xx faults, a scripted server in front of the
// first, and the address of a port nobody listens on.
import { startEmulator } from './emulator.mjs';
import { scriptServer } from './script-server.mjs';

export async function startClientServers() {
  const emu = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']);
  const faulty = await startEmulator(['--fault-5xx', '0.3', '--seed', '11', '--rate-volcengine', '0']);
  const srv = await scriptServer(emu.url);
  const closed = await scriptServer(emu.url);
  const deadUrl = closed.url;
  await closed.close();
  return {
    emu, faulty, srv, deadUrl,
    async stop() {
      await srv.close();
      await emu.stop();
      await faulty.stop();
    },
  };
}
