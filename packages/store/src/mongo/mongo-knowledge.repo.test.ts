import mongoose, { type Connection, type PipelineStage } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMongoContext } from './mongo-context.ts';
import type { KbAnswerDoc } from './mongo-knowledge.model.ts';
import { createMongoKbAnswerRepository } from './mongo-knowledge.repo.ts';
import { createMongoModels, type MongoModels } from './mongo-models.ts';

/**
 * kbAnswers.latest on MongoDB without a server: the pipeline it sends. The
 * contract suite (mongo.contract.test.ts) checks the answers when MONGODB_URI is set;
 * here we check it stays within the server's limits for an article answered
 * millions of times: a $group may use 100 MB and a document 16 MB, so the group
 * must keep only the newest few answers, never all of them.
 */
describe('Mongo kbAnswers.latest', () => {
  let connection: Connection;
  let models: MongoModels;
  let pipelines: PipelineStage[][];

  const answer = (id: string, articleId: string, at: string): KbAnswerDoc => ({
    _id: id,
    workspaceId: 'ws-1',
    articleId,
    source: 'agent',
    executionId: null,
    requestId: null,
    ticketId: 'CS202611220001',
    agentId: 'agent-li',
    locale: 'zh-CN',
    at,
  });

  beforeEach(() => {
    connection = mongoose.createConnection();
    models = createMongoModels(connection);
    pipelines = [];
  });
  afterEach(() => connection.close());

  function answering(groups: { answers: KbAnswerDoc[] }[]) {
    models.kbAnswers.aggregate = ((pipeline: PipelineStage[]) => {
      pipelines.push(pipeline);
      const query = { session: () => query, exec: async () => groups };
      return query;
    }) as never;
    return createMongoKbAnswerRepository(createMongoContext(connection, models, undefined));
  }

  it('keeps the newest answers per article while grouping, ordered like the SQLite store', async () => {
    const repository = answering([
      {
        answers: [
          answer('u2', 'kb-a', '2026-11-22T09:00:00.000Z'),
          answer('u1', 'kb-a', '2026-11-22T08:00:00.000Z'),
        ],
      },
      { answers: [answer('u3', 'kb-b', '2026-11-21T08:00:00.000Z')] },
    ]);

    const latest = await repository.latest('ws-1', 2);

    expect(latest.map((used) => [used.id, used.articleId])).toEqual([
      ['u2', 'kb-a'],
      ['u1', 'kb-a'],
      ['u3', 'kb-b'],
    ]);
    expect(latest[0]).not.toHaveProperty('_id');
    const [pipeline] = pipelines;
    expect(pipeline?.[0]).toEqual({ $match: { workspaceId: 'ws-1' } });
    const group = pipeline?.find((stage) => '$group' in stage) as PipelineStage.Group;
    expect(group.$group).toEqual({
      _id: '$articleId',
      answers: { $topN: { n: 2, sortBy: { at: -1, _id: -1 }, output: '$$ROOT' } },
    });
    // Nothing collects every answer of an article into one document.
    expect(JSON.stringify(pipeline)).not.toContain('$push');
    expect(pipeline?.at(-1)).toEqual({ $sort: { _id: 1 } });
  });

  it('asks nothing for zero answers per article ($topN refuses n < 1)', async () => {
    const repository = answering([]);
    expect(await repository.latest('ws-1', 0)).toEqual([]);
    expect(pipelines).toEqual([]);
  });

  it('has the index the match and the per-article order use', () => {
    const keys = models.kbAnswers.schema.indexes().map(([fields]) => fields);
    expect(keys).toContainEqual({ workspaceId: 1, articleId: 1, at: -1 });
  });
});
