import type { Locale } from '@flowdesk/model';
import type { KbArticle } from '@flowdesk/store';
import MiniSearch from 'minisearch';
import { tokenize } from '../classification/tokenizer.ts';

/*
 * Retrieval over the articles' question variants. Each variant is one indexed
 * document; MiniSearch scores with BM25 over the desk's own features (Chinese
 * words + single characters + character bigrams, other scripts' words + word
 * bigrams + character n-grams), so "能退货吗" still meets "可以退货吗" through
 * their shared characters and bigrams, and "cancelation" meets "cancellation".
 *
 * BM25 scores have no upper bound, so a threshold on them would mean something
 * different for every knowledge base. The confidence compares the hit with the
 * score the matched variant gets when it is asked itself (a perfect match):
 * sqrt(score / selfScore). MiniSearch multiplies the BM25 sum by the number of
 * matching terms, so the plain ratio is about (share of the variant's weighted
 * evidence present) × (share of its terms present); the square root is their
 * geometric mean, back on a linear scale: 1 = everything the variant says is in
 * the question, 0.5 ≈ half of it. Paraphrases typically land at 0.45–0.75,
 * unrelated questions below 0.2.
 */

interface VariantDocument {
  id: string;
  articleId: string;
  locale: Locale;
  text: string;
}

export interface KnowledgeHit {
  articleId: string;
  /** The question variant that matched best. */
  question: string;
  /** The variant's locale; the answer is still given in the asker's language. */
  locale: Locale;
  /** 0..1: how much of a perfect self-match of the variant the question reaches. */
  confidence: number;
  /** The raw BM25 score, for diagnostics. */
  score: number;
}

export interface KnowledgeIndex {
  readonly size: number;
  /** The best hit per article, most confident first; at most `limit` (default 3). */
  search(question: string, limit?: number): KnowledgeHit[];
}

/** Features as index terms. Queries count each term once so repeating a word cannot beat a perfect match. */
const indexTerms = (text: string) => tokenize(text);
const queryTerms = (text: string) => [...new Set(tokenize(text))];

export function buildKnowledgeIndex(articles: readonly KbArticle[]): KnowledgeIndex {
  const search = new MiniSearch<VariantDocument>({
    fields: ['text'],
    storeFields: ['articleId', 'locale', 'text'],
    tokenize: indexTerms,
    // The tokenizer already normalises (NFKC, lower case); MiniSearch must not touch the prefixed features.
    processTerm: (term) => term,
    searchOptions: { tokenize: queryTerms, processTerm: (term) => term },
  });
  const documents: VariantDocument[] = [];
  // Drafts are for editors: only published articles answer customers or show as agents' suggestions.
  for (const article of articles.filter((candidate) => candidate.status === 'published')) {
    for (const locale of ['zh-CN', 'en'] as const) {
      (article.questions[locale] ?? []).forEach((question, index) => {
        if (question.trim() !== '')
          documents.push({
            id: `${article.id}#${locale}#${index}`,
            articleId: article.id,
            locale,
            text: question,
          });
      });
    }
  }
  search.addAll(documents);
  const byId = new Map(documents.map((document) => [document.id, document]));
  const selfScores = new Map<string, number>();

  // Computed on first need and kept: the index never changes after it is built.
  const selfScore = (document: VariantDocument): number => {
    let score = selfScores.get(document.id);
    if (score === undefined) {
      score = search.search(document.text, { filter: (result) => result.id === document.id })[0]?.score ?? 0;
      selfScores.set(document.id, score);
    }
    return score;
  };

  return {
    size: documents.length,
    search(question, limit = 3) {
      if (documents.length === 0 || question.trim() === '') return [];
      const best = new Map<string, KnowledgeHit>();
      for (const result of search.search(question)) {
        const document = byId.get(String(result.id));
        if (!document) continue;
        const perfect = selfScore(document);
        const confidence = perfect > 0 ? Math.sqrt(Math.min(1, result.score / perfect)) : 0;
        const previous = best.get(document.articleId);
        if (!previous || confidence > previous.confidence) {
          best.set(document.articleId, {
            articleId: document.articleId,
            question: document.text,
            locale: document.locale,
            confidence: Math.round(confidence * 1000) / 1000,
            score: result.score,
          });
        }
      }
      return [...best.values()]
        .sort(
          (a, b) =>
            b.confidence - a.confidence || b.score - a.score || a.articleId.localeCompare(b.articleId),
        )
        .slice(0, limit);
    },
  };
}
