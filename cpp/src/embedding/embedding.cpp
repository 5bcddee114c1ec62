#include "embedwasm/embedding/embedding.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "embedwasm/core/thread_pool.h"
#include "kernels/kernels.h"
#include "embedding/row_groups.h"

namespace embedwasm::embedding {

const Schema<EmbeddingConfig>& embedding_schema() {
  static const Schema<EmbeddingConfig> schema = [] {
    Schema<EmbeddingConfig> s("embedding");
    s.add_record("table", &EmbeddingConfig::table, table_schema()).flat();
    s.add("mask_zero", &EmbeddingConfig::mask_zero);
    s.add("input_length", &EmbeddingConfig::input_length).at_least(0);
    return s;
  }();
  return schema;
}

Status Embedding::create(const EmbeddingConfig& config, const float* initial_weights, Embedding* out) {
  EMBEDWASM_RETURN_IF_ERROR(embedding_schema().validate(config));
  EmbeddingTable table;
  EMBEDWASM_RETURN_IF_ERROR(EmbeddingTable::create(config.table, initial_weights, &table));
  out->config_ = config;
  out->table_ = std::move(table);
  return Status::ok();
}

Status Embedding::check_input(const int32_t* ids, const Shape& shape) const {
  if (config_.input_length > 0) {
    if (shape.empty() || shape.back() != static_cast<size_t>(config_.input_length)) {
      return Status::invalid_argument(
          option_name("input_length") + " is " + std::to_string(config_.input_length) +
          " but the ids have shape " + shape_to_string(shape) + " (their last axis must have length " +
          option_name("input_length") + ")");
    }
  }
  return table_.check_ids(ids, shape);
}

Status Embedding::forward(const int32_t* ids, const Shape& shape, float* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_input(ids, shape));
  const size_t n = shape_size(shape);
  table_.renorm_rows(ids, n);
  const RowMatrix& w = table_.weights();
  const size_t d = w.cols();
  parallel_for(n, row_grain(n, d, kMinTaskFloats), [&](size_t begin, size_t end) {
    kernels::f32_gather_rows(w.data(), w.stride(), ids + begin, end - begin, d, out + begin * d);
  });
  return Status::ok();
}

Status Embedding::compute_mask(const int32_t* ids, const Shape& shape, uint8_t* mask) const {
  if (!config_.mask_zero) {
    return Status::invalid_argument(option_name("compute_mask") + " needs " + option_name("mask_zero") + ": true");
  }
  EMBEDWASM_RETURN_IF_ERROR(check_input(ids, shape));
  const size_t n = shape_size(shape);
  for (size_t i = 0; i < n; ++i) mask[i] = ids[i] != 0;
  return Status::ok();
}

namespace {

// PyTorch's scale_grad_by_freq divides each row's gradient by how often its id occurs
// in the batch; the padding row's count does not matter since it gets no gradient.
std::vector<float> frequency_scales(size_t n, const RowGroups& groups) {
  std::vector<float> scale(n, 1.0f);
  for (size_t k = 0; k < groups.rows.size(); ++k) {
    const float s = 1.0f / static_cast<float>(groups.count(k));
    for (uint32_t p = groups.starts[k]; p < groups.starts[k + 1]; ++p) scale[groups.order[p]] = s;
  }
  return scale;
}

// Where position i's gradient row comes from: row i of dy (B T, D) with scale 1, or, for
// ids pooled by a mean over T steps, row i / T of the pooled dy (B, D) with scale 1 / T.
// scale * dy is the product GlobalAveragePooling1D's backward writes for each step, so
// adding it with one axpy gives the bits the two layers give.
struct PositionRows {
  const float* dy;
  size_t d;
  size_t steps;  // T, or 1 for dy with a row per position
  float scale;
  const float* row(size_t i) const { return dy + (i / steps) * d; }
};

// For each grouped position p (groups.order[p]), the row of dy its gradient comes from:
// PositionRows::row(order[p]) as a row index, so one kernel call sums a group.
std::vector<int32_t> grouped_source_rows(const RowGroups& groups, size_t steps) {
  std::vector<int32_t> source(groups.order.size());
  for (size_t p = 0; p < source.size(); ++p) source[p] = static_cast<int32_t>(groups.order[p] / steps);
  return source;
}

// What each of row groups.rows[k]'s position rows is scaled by when added: src.scale, or
// 1 / count with scale_grad_by_freq.
float row_scale(const RowGroups& groups, size_t k, const PositionRows& src, bool by_freq) {
  return by_freq ? 1.0f / static_cast<float>(groups.count(k)) : src.scale;
}

// dst (D) += the gradient of row groups.rows[k]: its positions' rows, scaled by
// row_scale, added in input order. source: grouped_source_rows.
void add_row_gradient(const RowGroups& groups, size_t k, const std::vector<int32_t>& source, const PositionRows& src,
                      bool by_freq, float* dst) {
  kernels::f32_axpy_rows(src.dy, src.d, source.data() + groups.starts[k], groups.count(k), src.d,
                         row_scale(groups, k, src, by_freq), dst);
}

// Reads one float of each 64-byte line of the dy rows that groups [k, e) sum, all in a
// burst, so that their cache misses are in flight together while the groups before them
// are summed (wasm has no prefetch instruction). A group's positions are scattered over
// all of dy, so without it each of its rows is a miss the sum waits for. The fused
// backward + SparseAdam over ids 1024 x 64 into 100k x 128 (dy 33.5 MB), wasm, one
// thread, medians of 5 runs: 36.6 ms without it, 30.5 ms with it. The value read is
// returned only so that the loads are kept.
float touch_group_rows(const RowGroups& groups, size_t k, size_t e, const std::vector<int32_t>& source,
                       const PositionRows& src) {
  constexpr size_t kFloatsPerLine = 16;
  float sum = 0.0f;
  for (uint32_t p = groups.starts[k]; p < groups.starts[e]; ++p) {
    const float* x = src.dy + static_cast<size_t>(source[p]) * src.d;
    for (size_t j = 0; j < src.d; j += kFloatsPerLine) sum += x[j];
  }
  return sum;
}

// Row bounds of `tasks` tasks, task t owning rows [bounds[t], bounds[t + 1]), with about
// equal work in each: a row's positions (an axpy of D floats each) plus the row itself
// (its D zeros). Ids that follow a Zipf law put most positions in the first rows (over
// a vocabulary of 100,000, the first 3% of the rows a batch touches hold over half of its
// positions), so equal numbers of rows would not balance. A row is never split.
std::vector<size_t> split_rows_by_work(const RowGroups& groups, size_t tasks) {
  const size_t u = groups.rows.size();
  // In 64 bits: total * t can pass 2^32 in wasm32, where size_t has 32.
  const uint64_t total = uint64_t{groups.starts[u]} + u;
  std::vector<size_t> bounds(tasks + 1, u);
  bounds[0] = 0;
  size_t k = 0;
  for (size_t t = 1; t < tasks; ++t) {
    const uint64_t target = total * t / tasks;
    while (k < u && uint64_t{groups.starts[k]} + k < target) ++k;
    bounds[t] = k;
  }
  return bounds;
}

// values (U, D) = every row's gradient, with the position rows read front to back: each
// is added into its row of values, so within a row the terms come in input order, the
// order add_row_gradient takes them in, and values get the same bits. Streaming dy
// (33.5 MB for ids 1024 x 64, D 128) and adding into a few hot rows beats reading dy row
// by row in id order, which is a random 512-byte gather over all of it: in wasm that
// made the sparse step slower than the dense one.
void scatter_row_gradients(const RowGroups& groups, size_t n, const PositionRows& src, bool by_freq, float* values) {
  const size_t u = groups.rows.size();
  if (u == 0) return;
  const size_t kept = groups.order.size();
  const uint64_t floats = (uint64_t{kept} + u) * src.d;
  const size_t tasks = static_cast<size_t>(std::clamp<uint64_t>(
      floats / kMinTaskFloats, 1, std::min(u, kTasksPerThread * static_cast<size_t>(thread_count()))));
  const std::vector<size_t> bounds = split_rows_by_work(groups, tasks);
  // A task owns rows [bounds[t], bounds[t + 1]) and adds only their positions, so each row
  // sees its terms in input order whatever the thread count. Its positions are handed to
  // it in input order (a stable partition of the positions by task), so that no task
  // scans all n positions for its own: 16 tasks per thread each reading all 65,536 slots
  // of a batch made the pooled sparse backward scale 1.1-1.2x from 1 to 2 threads.
  constexpr uint32_t kSkipped = UINT32_MAX;  // the padding row's positions
  std::vector<uint32_t> row_of(n, kSkipped);  // row k of position i
  std::vector<uint32_t> task_of_row(u);
  std::vector<uint32_t> next(tasks);          // where task t's next position goes in `positions`
  for (size_t t = 0; t < tasks; ++t) {
    next[t] = groups.starts[bounds[t]];
    for (size_t k = bounds[t]; k < bounds[t + 1]; ++k) {
      task_of_row[k] = static_cast<uint32_t>(t);
      for (uint32_t p = groups.starts[k]; p < groups.starts[k + 1]; ++p) {
        row_of[groups.order[p]] = static_cast<uint32_t>(k);
      }
    }
  }
  std::vector<uint32_t> positions(kept);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t k = row_of[i];
    if (k != kSkipped) positions[next[task_of_row[k]]++] = static_cast<uint32_t>(i);
  }
  parallel_for(tasks, 1, [&](size_t t0, size_t t1) {
    for (size_t t = t0; t < t1; ++t) {
      std::fill(values + bounds[t] * src.d, values + bounds[t + 1] * src.d, 0.0f);
      for (uint32_t q = groups.starts[bounds[t]]; q < groups.starts[bounds[t + 1]]; ++q) {
        const uint32_t i = positions[q];
        const uint32_t k = row_of[i];
        float* row = values + static_cast<size_t>(k) * src.d;
        kernels::f32_axpy(src.d, row_scale(groups, k, src, by_freq), src.row(i), row);
      }
    }
  });
}

}  // namespace

Status Embedding::sparse_from(const int32_t* ids, size_t n, const PositionRowsArg& src, SparseRowGradient* grad) {
  RowGroups groups;
  group_rows(ids, n, table_.padding_row(), &groups);
  grad->cols = dim();
  grad->rows = groups.rows;
  grad->values.resize(groups.rows.size() * dim());
  scatter_row_gradients(groups, n, {src.dy, dim(), src.steps, src.scale}, table_.config().scale_grad_by_freq,
                        grad->values.data());
  return Status::ok();
}

Status Embedding::rows_from(const int32_t* ids, size_t n, const PositionRowsArg& src, const GradientRowFn& take) {
  RowGroups groups;
  group_rows(ids, n, table_.padding_row(), &groups);
  const PositionRows rows{src.dy, dim(), src.steps, src.scale};
  // Rows are distinct, and take(r, g) touches row r alone (GradientRowFn's contract), so
  // tasks of rows run on any thread with the bits of one thread.
  const size_t u = groups.rows.size();
  const bool by_freq = table_.config().scale_grad_by_freq;
  const std::vector<int32_t> source = grouped_source_rows(groups, src.steps);
  parallel_for(u, row_grain(u, 4 * dim() * n / std::max<size_t>(u, 1), kMinTaskFloats), [&](size_t k0, size_t k1) {
    // Touched kAhead groups ahead of the sum, kAhead groups per burst.
    constexpr size_t kAhead = 16;
    std::vector<float> row(dim());
    float touched = touch_group_rows(groups, k0, std::min(k1, k0 + kAhead), source, rows);
    for (size_t k = k0; k < k1; ++k) {
      if ((k - k0) % kAhead == 0) {
        touched += touch_group_rows(groups, std::min(k1, k + kAhead), std::min(k1, k + 2 * kAhead), source, rows);
      }
      // Into zeros: 0 + x, so -0 becomes +0 as in the dense gradient.
      std::fill(row.begin(), row.end(), 0.0f);
      add_row_gradient(groups, k, source, rows, by_freq, row.data());
      take(static_cast<size_t>(groups.rows[k]), row.data());
    }
    volatile float keep = touched;
    static_cast<void>(keep);
  });
  return Status::ok();
}

Status Embedding::backward_sparse(const int32_t* ids, const Shape& shape, const float* dy,
                                  SparseRowGradient* grad) {
  EMBEDWASM_RETURN_IF_ERROR(check_input(ids, shape));
  return sparse_from(ids, shape_size(shape), {dy, 1, 1.0f}, grad);
}

Status Embedding::backward_sparse_rows(const int32_t* ids, const Shape& shape, const float* dy,
                                       const GradientRowFn& take) {
  EMBEDWASM_RETURN_IF_ERROR(check_input(ids, shape));
  return rows_from(ids, shape_size(shape), {dy, 1, 1.0f}, take);
}

Status Embedding::check_mean_input(const int32_t* ids, const Shape& shape) const {
  if (shape.size() != 2 || shape[1] == 0) {
    return Status::invalid_argument("the mean over steps needs ids of shape (batch, steps) with steps > 0, got " +
                                    shape_to_string(shape));
  }
  if (table_.config().scale_grad_by_freq) {
    return Status::invalid_argument("the mean over steps does not combine with scale_grad_by_freq");
  }
  return check_input(ids, shape);
}

Status Embedding::forward_mean(const int32_t* ids, const Shape& shape, float* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_mean_input(ids, shape));
  const size_t b = shape[0], t = shape[1], d = dim();
  table_.renorm_rows(ids, b * t);
  const RowMatrix& w = table_.weights();
  const float inv = 1.0f / static_cast<float>(t);
  parallel_for(b, row_grain(b, t * d, kMinTaskFloats), [&](size_t b0, size_t b1) {
    for (size_t i = b0; i < b1; ++i) {
      float* y = out + i * d;
      kernels::f32_sum_rows(w.data(), w.stride(), ids + i * t, t, d, y);
      kernels::f32_scale(d, inv, y, y);
    }
  });
  return Status::ok();
}

Status Embedding::backward_mean_sparse(const int32_t* ids, const Shape& shape, const float* dy,
                                       SparseRowGradient* grad) {
  EMBEDWASM_RETURN_IF_ERROR(check_mean_input(ids, shape));
  return sparse_from(ids, shape_size(shape), {dy, shape[1], 1.0f / static_cast<float>(shape[1])}, grad);
}

Status Embedding::backward_mean_sparse_rows(const int32_t* ids, const Shape& shape, const float* dy,
                                            const GradientRowFn& take) {
  EMBEDWASM_RETURN_IF_ERROR(check_mean_input(ids, shape));
  return rows_from(ids, shape_size(shape), {dy, shape[1], 1.0f / static_cast<float>(shape[1])}, take);
}

Status Embedding::backward_mean_dense(const int32_t* ids, const Shape& shape, const float* dy, RowMatrix* grad) {
  if (grad->rows() != vocab_size() || grad->cols() != dim()) {
    return Status::invalid_argument("the dense gradient buffer must be (" + std::to_string(vocab_size()) + ", " +
                                    std::to_string(dim()) + ")");
  }
  EMBEDWASM_RETURN_IF_ERROR(check_mean_input(ids, shape));
  const size_t t = shape[1], n = shape_size(shape), d = dim();
  RowGroups groups;
  group_rows(ids, n, table_.padding_row(), &groups);
  const std::vector<int32_t> source = grouped_source_rows(groups, t);
  const PositionRows rows{dy, d, t, 1.0f / static_cast<float>(t)};
  // Each row's positions are added into its gradient row in input order, with the row's
  // sum held in registers (f32_axpy_rows): the bits of one f32_axpy per position. Rows
  // are distinct, so tasks of rows give the bits of one thread.
  const size_t u = groups.rows.size();
  parallel_for(u, row_grain(u, 2 * d * n / std::max<size_t>(u, 1), kMinTaskFloats), [&](size_t k0, size_t k1) {
    for (size_t k = k0; k < k1; ++k) {
      add_row_gradient(groups, k, source, rows, false, grad->row(static_cast<size_t>(groups.rows[k])));
    }
  });
  return Status::ok();
}

Status Embedding::backward_dense(const int32_t* ids, const Shape& shape, const float* dy,
                                 RowMatrix* grad) {
  if (grad->rows() != vocab_size() || grad->cols() != dim()) {
    return Status::invalid_argument("the dense gradient buffer must be (" +
                                    std::to_string(vocab_size()) + ", " + std::to_string(dim()) +
                                    "), got (" + std::to_string(grad->rows()) + ", " +
                                    std::to_string(grad->cols()) + ")");
  }
  EMBEDWASM_RETURN_IF_ERROR(check_input(ids, shape));
  const size_t n = shape_size(shape);
  const size_t d = dim();
  const int32_t padding = table_.padding_row();
  if (table_.config().scale_grad_by_freq) {
    RowGroups groups;
    group_rows(ids, n, padding, &groups);
    const std::vector<float> scale = frequency_scales(n, groups);
    for (size_t i = 0; i < n; ++i) {
      if (ids[i] == padding) continue;
      kernels::f32_axpy(d, scale[i], dy + i * d, grad->row(ids[i]));
    }
    return Status::ok();
  }
  const size_t v = vocab_size();
  if (thread_count() == 1 || n * d < 2 * kMinTaskFloats) {
    // Scatter the runs between padding positions in one kernel call each.
    size_t run_start = 0;
    for (size_t i = 0; i <= n; ++i) {
      if (i == n || ids[i] == padding) {
        kernels::f32_scatter_add_rows(dy + run_start * d, ids + run_start, i - run_start, d,
                                      grad->data(), grad->stride());
        run_start = i + 1;
      }
    }
    return Status::ok();
  }
  // Split by table rows: a task owns rows [r0, r1) and scans every id, so each row's terms
  // are added in input order (the kernel's order) whatever the thread count.
  parallel_for(v, row_grain(v, d * n / v + 1, kMinTaskFloats), [&](size_t r0, size_t r1) {
    for (size_t i = 0; i < n; ++i) {
      const size_t r = static_cast<size_t>(ids[i]);
      if (ids[i] == padding || r < r0 || r >= r1) continue;
      kernels::f32_axpy(d, 1.0f, dy + i * d, grad->row(r));
    }
  });
  return Status::ok();
}

}  // namespace embedwasm::embedding
