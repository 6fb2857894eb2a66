import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * No Docker engine runs in CI, so the deployment files are checked by reading
 * them: the shape the README promises must be there.
 */
const root = resolve(import.meta.dirname, '../../..');
type Service = {
  build?: string;
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
};
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};

describe('docker-compose.yml', () => {
  it('runs MongoDB as a single-node replica set with a health check', () => {
    const mongo = compose.services.mongo;
    expect(mongo?.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(mongo?.healthcheck?.test.join(' ')).toContain('rs.initiate');
  });

  it('runs two server replicas on one replica set, each with its own port and a readiness check', () => {
    const replicas = ['server-a', 'server-b'].map((name) => compose.services[name]);
    const hostPorts = replicas.map((service) => service?.ports?.[0]?.split(':')[0]);
    expect(new Set(hostPorts).size).toBe(2);
    for (const service of replicas) {
      expect(service?.build).toBe('.');
      expect(service?.environment?.MONGODB_URI).toMatch(/^mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0$/);
      expect(service?.environment?.FLOWDESK_ADMIN_PASSWORD).toBeDefined();
      expect(service?.depends_on?.mongo?.condition).toBe('service_healthy');
      expect(service?.healthcheck?.test.join(' ')).toContain('/readyz');
    }
  });

  it('has a local SMTP sink for demo mail', () => {
    expect(compose.services.smtp?.ports).toEqual(expect.arrayContaining(['1025:1025']));
  });

  it('builds an image that serves with flowdesk serve and checks readiness', () => {
    const dockerfile = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/CMD \["node", "apps\/server\/bin\/flowdesk\.mjs", "serve"\]/);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
  });
});
