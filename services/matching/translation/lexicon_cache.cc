#include "services/matching/translation/lexicon_cache.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace corematch::matching {
namespace {

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Writes to a temporary file first so a crash never leaves half a blob.
bool WriteFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return false;
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  return !error;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PivotLexicon>> LoadCachedLexicon(const Analyzer& analyzer,
                                                                absl::string_view dictd_dir,
                                                                const std::string& cache_path) {
  if (std::optional<std::string> blob = ReadFile(cache_path); blob.has_value()) {
    absl::StatusOr<std::unique_ptr<PivotLexicon>> cached = PivotLexicon::Deserialize(*blob);
    if (cached.ok()) return cached;
    std::cerr << "matching: rebuilding the lexicon; " << cache_path << ": "
              << cached.status().message() << "\n";
  }
  absl::StatusOr<std::unique_ptr<PivotLexicon>> lexicon = PivotLexicon::Load(analyzer, dictd_dir);
  if (!lexicon.ok()) return lexicon;
  if (!WriteFileAtomically(cache_path, (*lexicon)->Serialize())) {
    std::cerr << "matching: cannot save the lexicon to " << cache_path
              << "; it will be rebuilt at the next start\n";
  }
  return lexicon;
}

}  // namespace corematch::matching
