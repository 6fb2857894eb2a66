import { describe, expect, it } from 'vitest';

/**
 * The one-minute soak (issue 17, item 4): two server processes on one SQLite
 * file, one SIGKILLed and restarted every 5–20 s under a steady load of keyed
 * requests. Nothing acknowledged is lost, nothing runs or is delivered twice,
 * every timer fires once and not early. RSS is reported by `npm run soak`, not
 * asserted here: a minute of 5–20 s lifetimes is too short to measure growth.
 * About two minutes, so it runs in CI (CI=true) or on request (FLOWDESK_SOAK=1).
 */
const enabled = process.env.CI === 'true' || process.env.FLOWDESK_SOAK === '1';

describe.skipIf(!enabled)('soak: two replicas under SIGKILL', () => {
  it('loses and duplicates nothing in a minute of kills and restarts', async () => {
    // Imported here so that a skipped run does not load the store and the harness.
    const { DEFAULT_SOAK, runSoak } = await import('../bench/soak.ts');
    // 30 req/s: the CI machine runs the other test files beside this one, and an overloaded
    // machine turns a soak into a backlog (npm run soak -- --minutes 10 runs 50 req/s).
    const report = await runSoak({ ...DEFAULT_SOAK, seconds: 60, rate: 30, log: () => {} });
    const detail = `${report.table}\n${report.failures.join('\n')}`;
    process.stdout.write(`${detail}\n`);
    const check = (prefix: string) => {
      const found = report.checks.find((c) => c.name.startsWith(prefix));
      expect(found, `no check named ${prefix}`).toBeDefined();
      return found;
    };
    for (const prefix of [
      'requests acknowledged',
      'acknowledged with exactly one execution',
      'executions completed',
      'requests run more than once',
      'executions of requests whose answer never got through',
      'timers and deliveries still due',
      'tickets per request',
      'webhook keys delivered',
      'webhook keys no execution explains',
      'same key delivered again with no kill',
      'timers fired / due',
      'timers fired twice / early',
      'servers that exited without being killed',
    ]) {
      expect(check(prefix)?.ok, `${prefix}\n${detail}`).toBe(true);
    }
    // The chaos happened under real traffic: at least one kill, and a load worth counting. The
    // floor is ten seconds' worth of the rate, not the full 1,800: a CI machine running the other
    // test files beside this one holds the sender back (the harness counts it), and how much is
    // load, not correctness; the checks above are the correctness.
    expect(Number(report.figures.kills), detail).toBeGreaterThanOrEqual(1);
    expect(Number(report.figures.acknowledged), detail).toBeGreaterThan(300);
  }, 360_000);
});
