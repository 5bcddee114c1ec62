// The declarations (dist/index.d.ts, copied from web/lib) type-check a program that uses
// the whole public API (tests/types/example.ts) under strict settings, resolved by the
// package name through package.json "exports" as a user's project would.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

test('tests/types/example.ts type-checks against the package types with tsc --noEmit', async () => {
  const run = promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', path.join(root, 'tests/types/tsconfig.json')], { cwd: root });
  const { stdout, stderr } = await run.catch((error) => error);
  assert.equal(`${stdout}${stderr}`.trim(), '', 'tsc reported errors');
});
