// Vitest (node environment, its default) running the package in a user's test file:
// `vitest run` with no config file.
import { expect, test } from 'vitest';
import * as embedwasm from 'embedwasm';

import { runScenario } from '../scenario.js';

test('embedwasm under Vitest', async () => {
  const result = await runScenario(embedwasm);
  // Judged by expectations.mjs in the outer test: printed for it.
  console.log(`SCENARIO ${JSON.stringify(result)}`);
  expect(result.info.variant).toBe('threads');
}, 60_000);
