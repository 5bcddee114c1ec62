#include "embedwasm/fasttext/dictionary_builder.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace embedwasm::fasttext {
namespace {

bool is_label(std::string_view token, const std::string& prefix) { return token.substr(0, prefix.size()) == prefix; }

// Words first, then labels, each by count descending; stable, so ties keep their order.
void sort_and_threshold(DictionaryData* d, int64_t min_count, int64_t min_count_label) {
  std::stable_sort(d->entries.begin(), d->entries.end(), [](const DictionaryEntry& a, const DictionaryEntry& b) {
    if (a.type != b.type) return a.type < b.type;
    return a.count > b.count;
  });
  d->entries.erase(std::remove_if(d->entries.begin(), d->entries.end(),
                                  [&](const DictionaryEntry& e) {
                                    return e.count < (e.type == EntryType::kWord ? min_count : min_count_label);
                                  }),
                   d->entries.end());
  d->nwords = 0;
  d->nlabels = 0;
  for (const DictionaryEntry& e : d->entries) ++(e.type == EntryType::kWord ? d->nwords : d->nlabels);
}

}  // namespace

Status count_dictionary(std::string_view text, const Args& args, DictionaryData* out) {
  DictionaryData d;
  std::unordered_map<std::string_view, int32_t> ids;
  auto add = [&](std::string_view token) {
    ++d.ntokens;
    auto [it, inserted] = ids.emplace(token, static_cast<int32_t>(d.entries.size()));
    if (inserted) {
      d.entries.push_back({std::string(token), 1, is_label(token, args.label) ? EntryType::kLabel : EntryType::kWord});
    } else {
      ++d.entries[static_cast<size_t>(it->second)].count;
    }
  };
  size_t i = 0;
  bool line_open = false;  // a token was read since the last line end
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      add(Dictionary::kEos);
      line_open = false;
      ++i;
    } else if (is_fasttext_space(c)) {
      ++i;
    } else {
      const size_t begin = i;
      while (i < text.size() && !is_fasttext_space(text[i])) ++i;
      add(text.substr(begin, i - begin));
      line_open = true;
    }
  }
  if (line_open) add(Dictionary::kEos);
  sort_and_threshold(&d, args.min_count, args.min_count_label);
  if (d.nwords == 0) {
    return Status::invalid_argument("the training text has no word with at least minCount = " +
                                    std::to_string(args.min_count) + " occurrences");
  }
  if (args.model == ModelKind::kSupervised && d.nlabels == 0) {
    return Status::invalid_argument("the training text has no label (a token starting with '" + args.label +
                                    "') with at least minCountLabel = " + std::to_string(args.min_count_label) +
                                    " occurrences");
  }
  *out = std::move(d);
  return Status::ok();
}

void add_pretrained_words(const std::vector<std::string>& words, const Args& args, DictionaryData* d) {
  std::unordered_map<std::string, int32_t> ids;
  for (size_t i = 0; i < d->entries.size(); ++i) ids.emplace(d->entries[i].word, static_cast<int32_t>(i));
  for (const std::string& w : words) {
    ++d->ntokens;
    auto [it, inserted] = ids.emplace(w, static_cast<int32_t>(d->entries.size()));
    if (inserted) {
      d->entries.push_back({w, 1, is_label(w, args.label) ? EntryType::kLabel : EntryType::kWord});
    } else {
      ++d->entries[static_cast<size_t>(it->second)].count;
    }
  }
  sort_and_threshold(d, 1, 0);
}

std::vector<float> discard_thresholds(const DictionaryData& data, double t) {
  std::vector<float> keep(static_cast<size_t>(data.nwords));
  for (size_t i = 0; i < keep.size(); ++i) {
    const float f = static_cast<float>(data.entries[i].count) / static_cast<float>(data.ntokens);
    keep[i] = static_cast<float>(std::sqrt(t / f) + t / f);
  }
  return keep;
}

}  // namespace embedwasm::fasttext
