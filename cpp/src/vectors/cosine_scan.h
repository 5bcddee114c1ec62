#pragma once
// The scan under every cosine query: rows of a RowMatrix against a block of B query
// vectors, one tile of rows at a time, handing each tile's (B, kTileRows) cosines to a
// consumer before the next tile is scored. A tile is read from memory once for all B
// queries, and no (B, V) score matrix is ever materialised.
//
// Both the tile scoring and every consumer are functions called once per tile, so that V8
// optimises them early in a long scan (tiered_call.h): the scorer through tiered(), the
// consumer through std::function's indirect call.
#include <cstddef>
#include <cstdint>
#include <functional>

#include "embedwasm/core/row_matrix.h"
#include "vectors/tiered_call.h"

namespace embedwasm::vectors::detail {

// Rows per tile: 64 rows of D = 100 are 25.6 KB, which stays in L1 while the query block
// passes over it.
constexpr size_t kTileRows = 64;
// Queries scored together; larger batches are cut into groups of this many.
constexpr size_t kQueryGroup = 32;

// cos: (count, kTileRows), cos[b * kTileRows + i] for row first + i, i < n.
using TileConsumer = std::function<void(size_t first, size_t n, const float* cos)>;

// Cosines (x_r . q_b) * inv_norms[r] of rows [begin, rows) of x with queries (count, D) whose
// rows are query_stride floats apart; count <= kQueryGroup is not required but keeps the
// queries in cache. scratch: count * kTileRows floats.
void scan_cosines(const RowMatrix& x, const float* inv_norms, size_t rows, const float* queries, size_t count,
                  size_t query_stride, float* scratch, const TileConsumer& consume, size_t begin = 0);

}  // namespace embedwasm::vectors::detail
