import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  copiedBeforeFirstRun,
  parseDockerfile,
  readDockerfile,
  workspaceManifests,
} from '../scripts/dockerfile.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('Dockerfile', () => {
  const [build] = readDockerfile(root);

  it('copies every workspace package.json (as package.json declares them) before npm ci', () => {
    const manifests = workspaceManifests(root);
    expect(manifests).toEqual(
      expect.arrayContaining(['apps/server/package.json', 'packages/connectors/package.json']),
    );
    const copied = copiedBeforeFirstRun(build as NonNullable<typeof build>);
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', ...manifests]));
    const firstRun = build?.steps.find((step) => step.kind === 'RUN');
    expect(firstRun).toMatchObject({ kind: 'RUN', command: expect.stringMatching(/^npm ci\b/) });
  });

  it('notices a workspace that the install layer forgets', () => {
    const forgetful = parseDockerfile(
      [
        'FROM node:22 AS build',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'COPY apps/server/package.json apps/server/',
        'RUN npm ci',
        'COPY packages/model/package.json packages/model/',
      ].join('\n'),
    );
    const copied = copiedBeforeFirstRun(forgetful[0] as NonNullable<(typeof forgetful)[0]>);
    expect(copied).toEqual(['package.json', 'package-lock.json', 'apps/server/package.json']);
    expect(workspaceManifests(root).filter((manifest) => !copied.includes(manifest))).toContain(
      'packages/model/package.json',
    );
  });

  it('reads continued lines, stages and the runtime command', () => {
    const stages = parseDockerfile(
      'FROM a AS build\n# note\nRUN one \\\n && two\nFROM b\nENV A=1 B=2\nCOPY --from=build /app /app\nCMD ["node", "x"]\n',
    );
    expect(stages.map((stage) => stage.name)).toEqual(['build', undefined]);
    expect(stages[0]?.steps).toEqual([{ kind: 'RUN', command: 'one   && two' }]);
    expect(stages[1]?.steps).toEqual([
      { kind: 'ENV', variables: { A: '1', B: '2' } },
      { kind: 'COPY', from: 'build', sources: ['/app'], target: '/app' },
      { kind: 'CMD', argv: ['node', 'x'] },
    ]);
  });

  it('refuses an instruction the replay does not understand, so it cannot be skipped silently', () => {
    expect(() => parseDockerfile('FROM a\nADD https://example.invalid/x /x\n')).toThrow(
      /ADD is not understood/,
    );
  });
});
