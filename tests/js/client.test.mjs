// The client scenarios (tests/js/client-scenarios.mjs) in Node: against the emulator and a
// scripted server in front of it.
import { test, before, after } from 'node:test';
import * as lib from 'liveops';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from './emulator.mjs';
import { scriptServer } from './script-server.mjs';
import { clientScenarios } from './client-scenarios.mjs';

let emu;
let faulty;
let srv;
let deadUrl;
before(async () => {
  emu = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']);
  faulty = await startEmulator(['--fault-5xx', '0.3', '--seed', '11', '--rate-volcengine', '0']);
  srv = await scriptServer(emu.url);
  const closed = await scriptServer(emu.url);
  deadUrl = closed.url;
  await closed.close();
});
after(async () => {
  await srv?.close();
  await emu?.stop();
  await faulty?.stop();
});

const env = {
  lib,
  accessKeyId: DEMO_ACCESS_KEY_ID,
  secretAccessKey: DEMO_SECRET_ACCESS_KEY,
  get emuUrl() { return emu.url; },
  get faultyUrl() { return faulty.url; },
  get scriptUrl() { return srv.url; },
  get deadUrl() { return deadUrl; },
  script: async (...steps) => srv.script(...steps),
  arrivals: async () => srv.arrivals.slice(),
  arrivalCount: async () => srv.arrivals.length,
  state: () => emu.state(),
};

for (const { name, run } of clientScenarios(env)) test(name, run);
