#pragma once
// The (V, D) matrix of a file being read, filled one row at a time.
//
// With a header (word2vec, fastText, our binary) V is known: the RowMatrix is made once,
// rows are written in place, and finish() moves it out, so loading never holds more than
// the matrix itself (plus the reader's one chunk).
// Without one (GloVe, projector TSV) rows go into blocks that double in size up to 1 MiB
// each; finish() makes the exact (V, D) RowMatrix and copies the blocks into it, freeing
// each as it goes. Peak memory is then about twice the matrix, at the very end; a single
// doubling buffer would peak at three times it at every growth (old + new) and would still
// need the final exact-size copy, since RowMatrix cannot shrink.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vector_files {

class RowAccumulator {
 public:
  // Preallocates (rows, cols); fails with kResourceExhausted above max_bytes.
  Status start_fixed(size_t rows, size_t cols, uint64_t max_bytes);
  // Rows of `cols` floats, as many as come, up to max_bytes in the final matrix.
  Status start_growing(size_t cols, uint64_t max_bytes);

  bool started() const { return started_; }
  size_t cols() const { return cols_; }
  size_t rows() const { return rows_; }  // appended so far
  // The capacity given to start_fixed (0 when growing).
  size_t fixed_rows() const { return fixed_ ? matrix_.rows() : 0; }

  // Storage for the next row's cols floats, zero-filled. Fixed: fails past the last row.
  Status append_row(float** row);
  // The rows appended so far as a (rows, cols) RowMatrix. Fixed: all rows must be there.
  Status finish(RowMatrix* out);

 private:
  struct Free {
    void operator()(float* p) const { std::free(p); }
  };
  struct Block {
    std::unique_ptr<float[], Free> data;
    size_t rows = 0;      // capacity
    size_t used = 0;
  };
  bool started_ = false, fixed_ = false;
  size_t cols_ = 0, rows_ = 0;
  uint64_t max_bytes_ = 0;
  RowMatrix matrix_;           // fixed
  std::vector<Block> blocks_;  // growing
};

}  // namespace embedwasm::vector_files
