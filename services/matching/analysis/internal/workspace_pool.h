// services/matching/analysis/internal/workspace_pool.h
//
// The per-call state analysis needs and that must not be shared between
// threads: an ICU BreakIterator and the Snowball stemmers keep their working
// state inside, the scratch buffers are reused to spare allocations, and
// each workspace caches the terms of the words it has seen. The
// pool lends a workspace per call and takes it back afterwards, so there are
// as many as calls ever ran at once.
//
//   WorkspacePool::Lease workspace = pool.Acquire();
//   workspace->breaker->Break(text, &workspace->words);
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_WORKSPACE_POOL_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_WORKSPACE_POOL_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/matching/analysis/internal/snowball.h"
#include "services/matching/analysis/internal/text.h"
#include "services/matching/analysis/language.h"
#include "services/matching/analysis/lexicon.h"

namespace corematch::matching::internal {

// The terms one word yields: its stem and the stems of its compound parts.
struct WordTerms {
  std::string stem;
  std::vector<std::string> part_stems;
};

// Words of one language already analysed. Natural text repeats its words
// (Zipf), so most words of a corpus are found here and skip Snowball and
// the decompounder. Valid for one lexicon: when the decompounder's lexicon
// changes, the cache starts over.
struct WordCache {
  std::shared_ptr<const Lexicon> lexicon;  // Held so its address is not reused.
  absl::flat_hash_map<std::string, WordTerms> words;
};

struct Workspace {
  std::unique_ptr<WordBreaker> breaker;
  StemmerSet stemmers;
  std::string normalized;
  std::vector<WordBreaker::Word> words;
  std::vector<absl::string_view> parts;
  std::array<WordCache, kLanguageCount> caches;
  WordTerms uncached;  // The current word's terms when caching is off.
};

class WorkspacePool final {
 public:
  // Workspaces get clones of `prototype`.
  explicit WorkspacePool(std::unique_ptr<WordBreaker> prototype)
      : prototype_(std::move(prototype)) {}
  WorkspacePool(const WorkspacePool&) = delete;
  WorkspacePool& operator=(const WorkspacePool&) = delete;

  // A workspace for the caller alone until the lease is destroyed.
  class Lease {
   public:
    Lease(WorkspacePool* pool, std::unique_ptr<Workspace> workspace)
        : pool_(pool), workspace_(std::move(workspace)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_->Release(std::move(workspace_)); }

    Workspace* operator->() const { return workspace_.get(); }
    Workspace& operator*() const { return *workspace_; }

   private:
    WorkspacePool* pool_;
    std::unique_ptr<Workspace> workspace_;
  };

  Lease Acquire();

 private:
  void Release(std::unique_ptr<Workspace> workspace);

  absl::Mutex mutex_;
  // Cloned under the lock: ICU does not promise that cloning the same
  // iterator from several threads at once is safe.
  std::unique_ptr<WordBreaker> prototype_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::unique_ptr<Workspace>> idle_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::matching::internal

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_WORKSPACE_POOL_H_
