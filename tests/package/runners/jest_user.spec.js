// Jest (node environment, its default) running the package in a user's test file. The
// package is an ES module, so Jest runs with Node's --experimental-vm-modules and
// `transform: {}` (README: "Test runners").
import * as embedwasm from 'embedwasm';

import { runScenario } from '../scenario.js';

test('embedwasm under Jest', async () => {
  const result = await runScenario(embedwasm);
  // Judged by expectations.mjs in the outer test: printed for it.
  process.stdout.write(`SCENARIO ${JSON.stringify(result)}\n`);
  expect(result.info.variant).toBe('threads');
}, 60_000);
