// The package leaves its host process alone: a Node program that loads and uses it (the
// threads build, pool workers and two training threads included) reports its own errors
// exactly as it does without the package, exits by itself with its own exit code, prints
// nothing the program did not print, and ends with the globals and process listeners it
// had. Each run is a child process: host_process_program.mjs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const program = path.join(path.dirname(fileURLToPath(import.meta.url)), 'host_process_program.mjs');

/** Runs the program; resolves to {code, signal, stdout, stderr} however it ends. */
function runProgram(uses, ending) {
  return new Promise((resolve) => {
    // A program that does not end by itself fails the test instead of hanging it.
    execFile(process.execPath, [program, uses, ending], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, signal: error?.signal ?? null, stdout, stderr });
    });
  });
}

for (const ending of ['throw', 'reject']) {
  test(`the program's own ${ending === 'throw' ? 'uncaught error' : 'unhandled rejection'} is reported exactly as without the package`, async () => {
    const [without, withPackage] = await Promise.all([runProgram('nothing', ending), runProgram('package', ending)]);
    assert.equal(without.code, 1, `without the package: exit code 1 (${without.stderr})`);
    assert.match(without.stderr, /the program's own (error|rejection)/);
    assert.equal(withPackage.signal, null, 'with the package: ended by itself, not killed after the timeout');
    assert.equal(withPackage.code, without.code, 'with the package: the same exit code');
    assert.equal(withPackage.stderr, without.stderr, 'with the package: the same stderr, the program\'s stack trace only');
    assert.equal(withPackage.stdout, '', 'with the package: nothing on stdout');
  });
}

test('a program that used the package exits by itself with its own exit code and prints nothing', async () => {
  const run = await runProgram('package', 'exit-code');
  assert.equal(run.signal, null, 'ended by itself (idle pool workers do not keep it alive)');
  assert.equal(run.code, 3, `its own exit code (stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, '');
});

test('loading and using the package adds no globals and no process listeners', async () => {
  const run = await runProgram('package', 'globals');
  assert.equal(run.code, 0, run.stderr);
  const { added, listenersBefore, listenersAfter } = JSON.parse(run.stdout);
  assert.deepEqual(added, [], 'globals the package added');
  assert.deepEqual(listenersAfter, listenersBefore, 'process listeners before and after');
});
