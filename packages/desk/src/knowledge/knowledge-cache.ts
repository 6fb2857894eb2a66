import type { KbArticleRepository } from '@flowdesk/store';
import { buildKnowledgeIndex, type KnowledgeIndex } from './knowledge-index.ts';

/**
 * One search index per workspace, kept with the store revision it was built
 * from. A request costs one revision read; the index is rebuilt only after an
 * article was written or deleted (in any process: the revision lives in the store).
 */
interface CachedIndex {
  revision: number;
  index: KnowledgeIndex;
}

export class KnowledgeIndexCache {
  private readonly entries = new Map<string, CachedIndex>();
  /** How many times an index was built, for tests and metrics. */
  builds = 0;

  async indexFor(articles: KbArticleRepository, workspaceId: string): Promise<KnowledgeIndex> {
    const revision = await articles.revision(workspaceId);
    const cached = this.entries.get(workspaceId);
    if (cached && cached.revision === revision) return cached.index;
    const index = buildKnowledgeIndex(await articles.list(workspaceId));
    this.builds += 1;
    this.entries.set(workspaceId, { revision, index });
    return index;
  }
}
