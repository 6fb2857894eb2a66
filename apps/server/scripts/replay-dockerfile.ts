import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { type Instruction, readDockerfile, type Stage } from './dockerfile.ts';

/**
 * Replays the Dockerfile on this machine, since CI has no Docker engine: every
 * stage's COPY, WORKDIR, ENV and RUN run in a temporary folder that stands for
 * the image's file system (the build context filtered by .dockerignore, as
 * Docker sends it), then the final stage's CMD is started and must answer
 * /readyz. It proves what the image build needs: the install layer has every
 * workspace, `npm ci` accepts the lockfile, the web app builds, and the server
 * still starts after `npm prune --omit=dev`.
 *
 * Usage: tsx apps/server/scripts/replay-dockerfile.ts [--keep]
 */

const root = resolve(import.meta.dirname, '../../..');
const keep = process.argv.includes('--keep');

const ignored = dockerignore().add(
  readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

/** Copies context paths into the stage's file system, skipping what .dockerignore leaves out of the context. */
function copyFromContext(source: string, target: string): void {
  const from = resolve(root, source);
  const relativeSource = relative(root, from);
  if (relativeSource !== '' && ignored.ignores(relativeSource)) return;
  cpSync(from, target, {
    recursive: true,
    filter: (path) => {
      const inContext = relative(root, path);
      return inContext === '' || !ignored.ignores(inContext);
    },
  });
}

interface StageState {
  readonly fileSystem: string;
  workdir: string;
  env: Record<string, string>;
}

function inImage(state: StageState, path: string): string {
  const absolute = path.startsWith('/') ? path : join(state.workdir, path);
  return join(state.fileSystem, absolute);
}

/**
 * RUN steps of the runtime stage (creating /data, chown to the `node` user) set
 * up the image's operating system; outside a container they would change this
 * machine, so the replay lists them and does not run them.
 */
function runStep(
  step: Instruction,
  state: StageState,
  stages: Map<string, StageState>,
  runtime: boolean,
): void {
  switch (step.kind) {
    case 'WORKDIR':
      state.workdir = step.path.startsWith('/') ? step.path : join(state.workdir, step.path);
      mkdirSync(inImage(state, '.'), { recursive: true });
      return;
    case 'ENV':
      Object.assign(state.env, step.variables);
      return;
    case 'COPY': {
      const target = inImage(state, step.target);
      const intoDirectory = step.target.endsWith('/') || step.target === '.' || step.sources.length > 1;
      if (step.from) {
        const other = stages.get(step.from);
        if (!other) throw new Error(`COPY --from=${step.from}: no such stage`);
        for (const source of step.sources) cpSync(inImage(other, source), target, { recursive: true });
        return;
      }
      for (const source of step.sources) {
        if (source === '.') {
          mkdirSync(target, { recursive: true });
          for (const entry of readdirSync(root)) copyFromContext(entry, join(target, entry));
          continue;
        }
        const destination = intoDirectory ? join(target, source.split('/').at(-1) as string) : target;
        mkdirSync(dirname(destination), { recursive: true });
        copyFromContext(source, destination);
      }
      return;
    }
    case 'RUN': {
      if (runtime) {
        console.log(`::: RUN (image system set-up, not replayed) ${step.command}`);
        return;
      }
      console.log(`::: RUN ${step.command}`);
      // Paths in RUN commands are relative to WORKDIR, which is where the command runs.
      const runOnce = () =>
        spawnSync('bash', ['-euo', 'pipefail', '-c', step.command], {
          cwd: inImage(state, '.'),
          env: { ...process.env, ...state.env },
          stdio: 'inherit',
        });
      let result = runOnce();
      if (result.status !== 0) {
        // One more try: the replayed steps (npm ci, the build, the prune) start over cleanly, and
        // CI's link to the npm registry has dropped a download mid-body (ECONNRESET, 2026-12-06)
        // after the whole test suite had passed. A step that fails twice fails the replay.
        console.log(`::: RUN failed with exit code ${result.status}; trying once more`);
        result = runOnce();
      }
      if (result.status !== 0) throw new Error(`RUN failed with exit code ${result.status}: ${step.command}`);
      return;
    }
    case 'CMD':
    case 'METADATA':
      return;
    case 'FROM':
      throw new Error('FROM inside a stage');
    default: {
      const unknown: never = step;
      throw new Error(`unknown step ${JSON.stringify(unknown)}`);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts the final stage's CMD on loopback and waits for /readyz, then stops it. */
async function startCommand(stage: Stage, state: StageState): Promise<void> {
  const cmd = stage.steps.find((step) => step.kind === 'CMD');
  if (cmd?.kind !== 'CMD') throw new Error('the final stage has no CMD');
  const port = await freePort();
  const [command, ...args] = cmd.argv;
  const dataDirectory = mkdtempSync(join(tmpdir(), 'flowdesk-replay-data-'));
  const child = spawn(command as string, args, {
    cwd: inImage(state, '.'),
    env: {
      ...process.env,
      ...state.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOWDESK_DB: join(dataDirectory, 'flowdesk.sqlite'),
      FLOWDESK_ADMIN_EMAIL: 'replay@flowdesk.local',
      FLOWDESK_ADMIN_PASSWORD: 'replay-password-not-secret',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the image's CMD exited with code ${child.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error('the image did not answer /readyz within 60 s');
      await new Promise((wait) => setTimeout(wait, 500));
    }
    console.log(`::: CMD ${cmd.argv.join(' ')} answered /readyz on 127.0.0.1:${port}`);
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const stages = readDockerfile(root);
  const images = mkdtempSync(join(tmpdir(), 'flowdesk-dockerfile-replay-'));
  const built = new Map<string, StageState>();
  try {
    let last: { stage: Stage; state: StageState } | undefined;
    for (const [index, stage] of stages.entries()) {
      console.log(`::: stage ${stage.name ?? index} (FROM ${stage.image})`);
      const state: StageState = { fileSystem: join(images, `stage-${index}`), workdir: '/', env: {} };
      mkdirSync(state.fileSystem, { recursive: true });
      const runtime = index === stages.length - 1 && stages.length > 1;
      for (const step of stage.steps) runStep(step, state, built, runtime);
      if (stage.name) built.set(stage.name, state);
      last = { stage, state };
    }
    if (!last) throw new Error('the Dockerfile has no stage');
    await startCommand(last.stage, last.state);
  } finally {
    if (keep) console.log(`::: kept ${images}`);
    else rmSync(images, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`Dockerfile replay failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
