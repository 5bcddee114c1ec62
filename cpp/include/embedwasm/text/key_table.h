#pragma once
// Distinct keys numbered 0, 1, 2, ... in first-insertion order, found again by value:
// the vocabulary of a lookup layer and the token counter of adapt(). An open-addressing
// index (linear probing, power-of-two size, at most half full) keeps a 32-bit hash tag
// beside each id, so a lookup is one hash, usually one probe and one key compare, and
// adding a key allocates nothing per key.
//
// KeyTable<StringKeyStore> holds byte strings (hashed with FarmHash's Fingerprint64),
// KeyTable<Int64KeyStore> holds int64 values.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "embedwasm/text/farmhash_fingerprint64.h"
#include "embedwasm/text/string_list.h"

namespace embedwasm::text {

struct StringKeyStore {
  using View = std::string_view;
  StringList keys;

  static uint64_t hash(View key) { return farmhash_fingerprint64(key); }
  size_t size() const { return keys.size(); }
  View at(size_t id) const { return keys[id]; }
  void push(View key) { keys.push_back(key); }
  void clear() { keys.clear(); }
};

struct Int64KeyStore {
  using View = int64_t;
  std::vector<int64_t> keys;

  // splitmix64's finaliser: every input bit reaches every output bit, so consecutive
  // integers spread over the whole table.
  static uint64_t hash(View key) {
    uint64_t z = static_cast<uint64_t>(key) + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t size() const { return keys.size(); }
  View at(size_t id) const { return keys[id]; }
  void push(View key) { keys.push_back(key); }
  void clear() { keys.clear(); }
};

template <class Store>
class KeyTable {
 public:
  using View = typename Store::View;
  static constexpr int32_t kAbsent = -1;

  size_t size() const { return store_.size(); }
  View key(int32_t id) const { return store_.at(static_cast<size_t>(id)); }
  const Store& store() const { return store_; }

  int32_t find(View key) const {
    if (slots_.empty()) return kAbsent;
    const uint64_t h = Store::hash(key);
    const auto tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = static_cast<size_t>(h) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kAbsent) return kAbsent;
      if (slot.tag == tag && store_.at(static_cast<size_t>(slot.id)) == key) return slot.id;
    }
  }

  // The id of key, adding it when absent (*inserted tells which).
  int32_t insert(View key, bool* inserted = nullptr) {
    if (2 * (store_.size() + 1) > slots_.size()) grow();
    const uint64_t h = Store::hash(key);
    const auto tag = static_cast<uint32_t>(h >> 32);
    size_t i = static_cast<size_t>(h) & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kAbsent) break;
      if (slot.tag == tag && store_.at(static_cast<size_t>(slot.id)) == key) {
        if (inserted != nullptr) *inserted = false;
        return slot.id;
      }
    }
    const auto id = static_cast<int32_t>(store_.size());
    store_.push(key);
    slots_[i] = Slot{tag, id};
    if (inserted != nullptr) *inserted = true;
    return id;
  }

  // Keeps the index's capacity for the next round of inserts.
  void clear() {
    store_.clear();
    for (Slot& slot : slots_) slot.id = kAbsent;
  }

  void reserve(size_t keys) {
    while (2 * keys > slots_.size()) grow();
  }

 private:
  struct Slot {
    uint32_t tag = 0;
    int32_t id = kAbsent;
  };

  void grow() {
    const size_t capacity = slots_.empty() ? 16 : slots_.size() * 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (size_t id = 0; id < store_.size(); ++id) {
      const uint64_t h = Store::hash(store_.at(id));
      size_t i = static_cast<size_t>(h) & mask_;
      while (slots_[i].id != kAbsent) i = (i + 1) & mask_;
      slots_[i] = Slot{static_cast<uint32_t>(h >> 32), static_cast<int32_t>(id)};
    }
  }

  Store store_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

using StringTable = KeyTable<StringKeyStore>;
using Int64Table = KeyTable<Int64KeyStore>;

}  // namespace embedwasm::text
