// Child processes of the runners. Each contender group runs in a process of its own (one
// TF.js backend, one of our builds, one ONNX Runtime thread setting: each is process-global
// state), one after another so they do not compete for the two vCPUs. A child that dies,
// hangs or leaves a contender out still yields a record for every contender it owed, so
// one broken peer never loses the others' rows.
import { spawn } from 'node:child_process';

// The options of a runner whose contenders run in children: warm-up and timed calls per
// contender (each group has its own defaults), the same for every one run.
export const REPS_OPTIONS = { warmup: { type: 'string', min: 1 }, reps: { type: 'string', min: 1 } };

/**
 * Runs a command to its end; resolves {code, signal, stdout, stderr, seconds, timedOut},
 * never rejects (a command that cannot start has code null and the reason in stderr).
 * echo: also pass its stderr on to ours as it comes (progress).
 */
export function runProcess(command, args, { timeoutMs = 0, echo = false, cwd } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs) : null;
    child.stdout.setEncoding('utf8').on('data', (c) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c) => {
      stderr += c;
      if (echo) process.stderr.write(c);
    });
    child.on('error', (e) => { stderr += e.message; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

/** The JSON-object lines of a child's output (Emscripten's glue and peers print others). */
export function jsonLines(text) {
  return text.split('\n').filter((line) => line.startsWith('{'))
    .map((line) => { try { return JSON.parse(line); } catch { return null; } })
    .filter((r) => r !== null);
}

/** How a process ended, for a failure record. */
export function endText(r, timeoutMs) {
  return r.timedOut ? `killed after ${timeoutMs / 1000} s (time limit)`
    : `exited with ${r.signal ? `signal ${r.signal}` : `code ${r.code}`}`;
}

/**
 * Runs `node script ...args` and resolves to the records of `bench` it printed, in order,
 * then a failure record for each of `owed` ([{case, contender, what}]) it did not print.
 */
export async function runChild({ bench, script, args, owed, timeoutMs }) {
  const r = await runProcess(process.execPath, [script, ...args], { timeoutMs, echo: true });
  const records = jsonLines(r.stdout).filter((rec) => rec.bench === bench);
  for (const o of owed) {
    if (!records.some((rec) => rec.case === o.case && rec.contender === o.contender)) {
      records.push({
        bench, case: o.case, contender: o.contender, what: o.what,
        runtime: 'unknown (the worker process gave no result)', env: 'node',
        ok: false, error: `worker process ${endText(r, timeoutMs)} before reporting this contender`,
      });
    }
  }
  return records;
}

/**
 * Runs one group of contenders in a child (runChild) and reports it: progress on stderr,
 * each record as a JSON line on stdout. `label` prefixes the progress lines.
 */
export async function runGroup({ label, group, ...child }) {
  const started = Date.now();
  console.error(`${label}: ${group} (child process)`);
  for (const r of await runChild(child)) {
    const how = r.missing ? `missing: ${r.missing}` : r.ok ? `median ${r.median_ms.toFixed(2)} ms` : `failed: ${r.error}`;
    console.error(`${label} ${r.case}: ${r.contender} ${how}`);
    console.log(JSON.stringify(r));
  }
  console.error(`${label}: ${group} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
