// Runs one benchmark child process (a contender group: one TF.js backend, one of our
// builds, one ONNX Runtime thread setting; each is process-global state) and collects its
// JSON lines. A child that dies, hangs or leaves a contender out still yields a record for
// every contender it owed, so one broken peer never loses the others' rows.
import { spawn } from 'node:child_process';

/**
 * owed: [{case, contender, what}] the child must report. Resolves to the records in the
 * order the child printed them, then a failure record for each one it did not print.
 */
export function runChild({ bench, script, args, owed, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const records = out.split('\n').filter((line) => line.startsWith('{'))
        .map((line) => { try { return JSON.parse(line); } catch { return null; } })
        .filter((r) => r?.bench === bench);
      const why = timedOut ? `killed after ${timeoutMs / 1000} s (time limit)`
        : `exited with ${signal ? `signal ${signal}` : `code ${code}`}`;
      for (const o of owed) {
        if (!records.some((r) => r.case === o.case && r.contender === o.contender)) {
          records.push({
            bench, case: o.case, contender: o.contender, what: o.what,
            runtime: 'unknown (the worker process gave no result)', env: 'node',
            ok: false, error: `worker process ${why} before reporting this contender`,
          });
        }
      }
      resolve(records);
    });
  });
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
