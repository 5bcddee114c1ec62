#pragma once
// The words of a file being read, in file order, with duplicate detection.
//
// The set holds row ids into words_ rather than a second copy of each word: a 3M-word
// fastText vocabulary is ~60 MB of strings, and this keeps it at one copy plus ~40
// bytes of hash node per word. (string_view keys would dangle: moving a short string
// when the vector grows moves its inline bytes.)
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace embedwasm::vector_files {

class WordList {
 public:
  // The words live behind a pointer that the set's functors hold, so a WordList moves.
  WordList()
      : words_(new std::vector<std::string>()),
        set_(0, Hash{words_.get()}, Equal{words_.get()}) {}

  void reserve(size_t n) {
    words_->reserve(n);
    set_.reserve(n);
  }
  // Appends `word` and returns -1, or, if an equal word is already in the list, leaves
  // the list as it was and returns that word's row.
  int64_t add(std::string&& word) {
    words_->push_back(std::move(word));
    const auto inserted = set_.insert(static_cast<uint32_t>(words_->size() - 1));
    if (!inserted.second) {
      words_->pop_back();
      return static_cast<int64_t>(*inserted.first);
    }
    return -1;
  }
  size_t size() const { return words_->size(); }
  const std::string& operator[](size_t i) const { return (*words_)[i]; }
  // Moves the words out and empties the list.
  std::vector<std::string> take() {
    set_.clear();
    std::vector<std::string> out;
    out.swap(*words_);
    return out;
  }

 private:
  struct Hash {
    const std::vector<std::string>* words;
    size_t operator()(uint32_t i) const { return std::hash<std::string_view>()((*words)[i]); }
  };
  struct Equal {
    const std::vector<std::string>* words;
    bool operator()(uint32_t a, uint32_t b) const { return (*words)[a] == (*words)[b]; }
  };
  std::unique_ptr<std::vector<std::string>> words_;
  std::unordered_set<uint32_t, Hash, Equal> set_;
};

}  // namespace embedwasm::vector_files
