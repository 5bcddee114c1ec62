#include "embedding/row_groups.h"

#include <algorithm>
#include <array>
#include <memory>

#include "embedwasm/core/thread_pool.h"

namespace embedwasm::embedding {

namespace {

// Positions are sorted by id with an LSD radix sort over keys (id << 32 | position),
// 11 bits of the id per pass: stable by construction (equal ids keep their input order),
// O(n) per pass, two passes for ids below 2^22. The key carries its id, so every pass
// reads its input front to back, where sorting bare positions looked each id up at random.
// A batch of 65,536 ids skewed towards small ids (vocabulary 100,000; wasm, medians of
// 300): 0.96-1.25 ms sorting positions, 0.70-0.75 ms sorting keys.
//
// Each pass runs over chunks of the input on the thread pool: every chunk counts its
// buckets, the counts are summed bucket by bucket in chunk order, and every chunk then
// writes its keys from there. A stable sort has one result, so the chunks, and the
// number of threads, change nothing in it.
constexpr int kBits = 11;
constexpr uint32_t kBuckets = 1u << kBits;
constexpr int kMaxPasses = 3;  // ids are below 2^31
using Counts = std::array<uint32_t, kBuckets>;

// One chunk per thread, of at least 65,536 keys. Chunks that follow each other write side
// by side into every bucket, so with small chunks two threads write into the same cache
// lines all the time (16 chunks of the batch above: 0.89-0.97 ms on two threads). And
// each of the six jobs of a two-pass sort waits for a sleeping helper (about 0.1 ms):
// the batch above took 1.0-1.3 ms in two chunks on two threads against 0.70-0.75 ms in
// one, while 1,048,576 ids took 13 ms on two against 20-24 ms on one.
constexpr size_t kMinChunkKeys = size_t{1} << 16;

size_t chunk_keys(size_t n) {
  const size_t threads = static_cast<size_t>(thread_count());
  return std::max((n + threads - 1) / threads, kMinChunkKeys);
}

struct Chunks {
  size_t n, size, count;
  Chunks(size_t items, size_t chunk_size) : n(items), size(chunk_size), count((items + chunk_size - 1) / chunk_size) {}
  size_t begin(size_t c) const { return c * size; }
  size_t end(size_t c) const { return std::min(n, (c + 1) * size); }
};

// counts[c][b] (bucket b's keys in chunk c) becomes where chunk c writes its first key
// of bucket b: all of the lower buckets, then bucket b's keys in earlier chunks. Returns
// the number of keys.
size_t place_buckets(std::vector<Counts>* counts) {
  uint32_t sum = 0;
  for (uint32_t b = 0; b < kBuckets; ++b) {
    for (Counts& chunk : *counts) {
      const uint32_t here = chunk[b];
      chunk[b] = sum;
      sum += here;
    }
  }
  return sum;
}

uint32_t bucket(uint64_t key, int pass) { return static_cast<uint32_t>(key >> (32 + pass * kBits)) & (kBuckets - 1); }

// What key_at gives for an input that is left out (the padding row's positions). Its id
// half, 2^32 - 1, is no id (ids are below 2^31).
constexpr uint64_t kLeftOut = ~uint64_t{0};

struct Pass {
  size_t kept;       // keys written (inputs not left out)
  uint32_t id_bits;  // every kept id or-ed together: its top bit says how many passes the sort needs
};

// One stable counting pass over `pass`'s 11 bits: key_at(i) is input i's key, or
// kLeftOut. The first pass makes its keys from the ids; the later ones read the previous
// pass's output.
template <typename KeyAt>
Pass sort_pass(const Chunks& chunks, int pass, KeyAt key_at, uint64_t* sorted) {
  std::vector<Counts> counts(chunks.count);
  std::vector<uint32_t> id_bits(chunks.count, 0);
  parallel_for(chunks.count, 1, [&](size_t c0, size_t c1) {
    for (size_t c = c0; c < c1; ++c) {
      Counts& count = counts[c];
      count.fill(0);
      // Or-ed in a local: the chunks' slots of id_bits share a cache line.
      uint32_t bits = 0;
      for (size_t i = chunks.begin(c); i < chunks.end(c); ++i) {
        const uint64_t key = key_at(i);
        if (key == kLeftOut) continue;
        ++count[bucket(key, pass)];
        bits |= static_cast<uint32_t>(key >> 32);
      }
      id_bits[c] = bits;
    }
  });
  const size_t kept = place_buckets(&counts);
  parallel_for(chunks.count, 1, [&](size_t c0, size_t c1) {
    for (size_t c = c0; c < c1; ++c) {
      Counts& next = counts[c];
      for (size_t i = chunks.begin(c); i < chunks.end(c); ++i) {
        const uint64_t key = key_at(i);
        if (key != kLeftOut) sorted[next[bucket(key, pass)]++] = key;
      }
    }
  });
  uint32_t bits = 0;
  for (const uint32_t b : id_bits) bits |= b;
  return {kept, bits};
}

// order, rows and starts from the sorted keys: a chunk counts the groups that start in
// it, and then writes them at the sum of the counts before it.
void split_groups(const uint64_t* keys, size_t m, size_t chunk_size, RowGroups* out) {
  const Chunks chunks(m, chunk_size);
  const auto starts_group = [keys](size_t k) { return k == 0 || (keys[k] >> 32) != (keys[k - 1] >> 32); };
  std::vector<uint32_t> first(chunks.count + 1, 0);
  out->order.resize(m);
  parallel_for(chunks.count, 1, [&](size_t c0, size_t c1) {
    for (size_t c = c0; c < c1; ++c) {
      uint32_t groups = 0;
      for (size_t k = chunks.begin(c); k < chunks.end(c); ++k) {
        out->order[k] = static_cast<uint32_t>(keys[k]);
        groups += starts_group(k);
      }
      first[c + 1] = groups;
    }
  });
  for (size_t c = 0; c < chunks.count; ++c) first[c + 1] += first[c];
  const size_t u = first[chunks.count];
  out->rows.resize(u);
  out->starts.resize(u + 1);
  out->starts[u] = static_cast<uint32_t>(m);
  parallel_for(chunks.count, 1, [&](size_t c0, size_t c1) {
    for (size_t c = c0; c < c1; ++c) {
      size_t g = first[c];
      for (size_t k = chunks.begin(c); k < chunks.end(c); ++k) {
        if (!starts_group(k)) continue;
        out->rows[g] = static_cast<int32_t>(keys[k] >> 32);
        out->starts[g] = static_cast<uint32_t>(k);
        ++g;
      }
    }
  });
}

}  // namespace

void group_rows(const int32_t* ids, size_t n, int32_t skip_row, RowGroups* out) {
  const size_t chunk_size = chunk_keys(n);
  // Uninitialised: every slot below the kept count is written before it is read.
  std::unique_ptr<uint64_t[]> keys(new uint64_t[std::max<size_t>(n, 1)]);
  std::unique_ptr<uint64_t[]> sorted(new uint64_t[std::max<size_t>(n, 1)]);
  const Pass first = sort_pass(
      Chunks(n, chunk_size), 0,
      [ids, skip_row](size_t i) {
        return ids[i] == skip_row ? kLeftOut : static_cast<uint64_t>(static_cast<uint32_t>(ids[i])) << 32 | i;
      },
      keys.get());
  const Chunks kept(first.kept, chunk_size);
  for (int pass = 1; pass < kMaxPasses && (first.id_bits >> (pass * kBits)) != 0; ++pass) {
    const uint64_t* from = keys.get();
    sort_pass(kept, pass, [from](size_t k) { return from[k]; }, sorted.get());
    keys.swap(sorted);
  }
  split_groups(keys.get(), first.kept, chunk_size, out);
}

}  // namespace embedwasm::embedding
