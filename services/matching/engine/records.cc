#include "services/matching/engine/records.h"

#include "absl/strings/str_cat.h"

namespace corematch::matching {

NeedQuery NeedOf(const RequestRecord& request, size_t top_k) {
  NeedQuery need;
  need.text = absl::StrCat(request.title, "\n", request.need_statement);
  for (const std::string& effect : request.desired_effects) {
    absl::StrAppend(&need.text, "\n", effect);
  }
  need.language = request.language;
  need.sectors = request.sectors;
  need.target_groups = request.target_groups;
  need.country = request.country;
  need.region = request.region;
  need.population = request.population;
  need.accepted_languages = request.accepted_languages;
  if (!need.accepted_languages.empty()) {
    need.only_languages = need.accepted_languages;
    if (!request.language.empty()) need.only_languages.push_back(request.language);
  }
  need.top_k = top_k;
  return need;
}

}  // namespace corematch::matching
