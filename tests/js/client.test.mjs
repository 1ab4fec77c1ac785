// The client scenarios (tests/js/client-scenarios.mjs) in Node: against the emulator and a
// scripted server in front of it.
import { test, before, after } from 'node:test';
import * as lib from 'liveops';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from './emulator.mjs';
import { startClientServers } from './client-servers.mjs';
import { clientScenarios } from './client-scenarios.mjs';

let servers;
before(async () => { servers = await startClientServers(); });
after(async () => { await servers?.stop(); });

const env = {
  lib,
  accessKeyId: DEMO_ACCESS_KEY_ID,
  secretAccessKey: DEMO_SECRET_ACCESS_KEY,
  get emuUrl() { return servers.emu.url; },
  get faultyUrl() { return servers.faulty.url; },
  get scriptUrl() { return servers.srv.url; },
  get deadUrl() { return servers.deadUrl; },
  script: async (...steps) => servers.srv.script(...steps),
  arrivals: async () => servers.srv.arrivals.slice(),
  streamed: async () => servers.srv.streamed.map((r) => ({ ...r })),
  arrivalCount: async () => servers.srv.arrivals.length,
  state: () => servers.emu.state(),
};

for (const { name, run } of clientScenarios(env)) {
  test(name, async () => {
    await run();
    // A scenario uses every answer it scripts: one left over would answer the next scenario.
    if (servers.srv.pending() !== 0) throw new Error(`${servers.srv.pending()} scripted answer(s) left unused`);
  });
}
