// The lifecycle scenarios (tests/js/lifecycle-scenarios.mjs) in Node, against the emulators.
import { test, before, after } from 'node:test';
import * as lib from 'liveops';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from './emulator.mjs';
import { startLifecycleServers, fixtures } from './lifecycle-servers.mjs';
import { lifecycleScenarios } from './lifecycle-scenarios.mjs';

let servers;
before(async () => { servers = await startLifecycleServers(); });
after(async () => { await servers?.stop(); });

const env = {
  lib,
  fixtures,
  accessKeyId: DEMO_ACCESS_KEY_ID,
  secretAccessKey: DEMO_SECRET_ACCESS_KEY,
  get emuUrl() { return servers.urls.emuUrl; },
  get pagedUrl() { return servers.urls.pagedUrl; },
  get contractUrl() { return servers.urls.contractUrl; },
  get scriptUrl() { return servers.urls.scriptUrl; },
  script: async (...steps) => servers.srv.script(...steps),
  arrivalCount: async () => servers.srv.arrivals.length,
  arrivals: async () => servers.srv.arrivals.slice(),
  state: () => servers.emu.state(),
  pagedState: () => servers.paged.state(),
};

for (const { name, run } of lifecycleScenarios(env)) test(name, run);
