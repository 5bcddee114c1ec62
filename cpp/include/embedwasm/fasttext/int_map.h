#pragma once
// A flat int32 -> int32 hash map with linear probing, for fastText's pruned n-gram
// index (bucket -> kept row): it is looked up once per character n-gram of every token,
// so it must not chase a node per lookup as std::unordered_map does.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embedwasm/core/reserve.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

class IntMap {
 public:
  static constexpr int32_t kEmpty = -1;  // keys are >= 0

  // Room for n keys at a load factor of at most 1/2.
  Status reserve(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    keys_.clear();
    values_.clear();
    EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&keys_, cap, "the pruned n-gram index"));
    EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&values_, cap, "the pruned n-gram index"));
    keys_.assign(cap, kEmpty);
    values_.assign(cap, 0);
    mask_ = cap - 1;
    size_ = 0;
    return Status::ok();
  }

  // False if the key is present already (or the map is full); key must be >= 0.
  bool insert(int32_t key, int32_t value) {
    if (2 * (size_ + 1) > keys_.size()) return false;
    size_t i = slot(key);
    while (keys_[i] != kEmpty) {
      if (keys_[i] == key) return false;
      i = (i + 1) & mask_;
    }
    keys_[i] = key;
    values_[i] = value;
    ++size_;
    return true;
  }

  // The value of key, or -1.
  int32_t find(int32_t key) const {
    if (keys_.empty()) return -1;
    size_t i = slot(key);
    while (keys_[i] != kEmpty) {
      if (keys_[i] == key) return values_[i];
      i = (i + 1) & mask_;
    }
    return -1;
  }

  size_t size() const { return size_; }

 private:
  size_t slot(int32_t key) const {
    return static_cast<size_t>((static_cast<uint32_t>(key) * 0x9E3779B1u) >> 7) & mask_;
  }

  std::vector<int32_t> keys_, values_;
  size_t mask_ = 0, size_ = 0;
};

}  // namespace embedwasm::fasttext
