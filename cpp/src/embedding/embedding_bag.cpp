#include "embedwasm/embedding/embedding_bag.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "embedwasm/core/thread_pool.h"
#include "kernels/kernels.h"
#include "embedding/row_groups.h"

namespace embedwasm::embedding {

const char* embedding_bag_mode_name(EmbeddingBagMode mode) {
  switch (mode) {
    case EmbeddingBagMode::kSum: return "sum";
    case EmbeddingBagMode::kMean: return "mean";
    case EmbeddingBagMode::kMax: return "max";
  }
  return "unknown";
}

Status parse_embedding_bag_mode(const std::string& name, EmbeddingBagMode* mode) {
  for (EmbeddingBagMode m : {EmbeddingBagMode::kSum, EmbeddingBagMode::kMean, EmbeddingBagMode::kMax}) {
    if (name == embedding_bag_mode_name(m)) {
      *mode = m;
      return Status::ok();
    }
  }
  return Status::invalid_argument("must be 'sum', 'mean' or 'max', got '" + name + "'").with_field("mode");
}

namespace {

// The bag boundaries of an input whose structure has been checked. Bags are contiguous
// and in input order, and together cover [0, N) exactly, so walking the bags in order
// visits every position once, in order.
struct Bags {
  size_t count = 0;                  // B
  size_t n = 0;                      // N
  size_t length = 0;                 // L (2-D form)
  const int32_t* offsets = nullptr;  // (num_offsets,) 1-D form
  size_t num_offsets = 0;

  size_t begin(size_t b) const { return offsets ? static_cast<size_t>(offsets[b]) : b * length; }
  size_t end(size_t b) const {
    if (!offsets) return (b + 1) * length;
    // With include_last_offset b + 1 <= B = num_offsets - 1 always names a stored offset.
    return b + 1 < num_offsets ? static_cast<size_t>(offsets[b + 1]) : n;
  }
};

std::string mode_text(EmbeddingBagMode mode) {
  return std::string("mode='") + embedding_bag_mode_name(mode) + "'";
}

Status per_sample_weights_unsupported(EmbeddingBagMode mode) {
  // PyTorch's wording, so users searching the message find the PyTorch explanation.
  return Status::invalid_argument(option_name("per_sample_weights") + " is only supported for mode='sum' (got " +
                                  mode_text(mode) + ")");
}

Status check_bags(const EmbeddingBagConfig& config, const BagInput& in, Bags* bags) {
  const Shape& shape = in.ids_shape;
  if (shape.size() != 1 && shape.size() != 2) {
    return Status::invalid_argument(
        "ids must be 1-D (N,) with offsets or 2-D (B, L) without offsets, got shape " +
        shape_to_string(shape));
  }
  const size_t n = shape_size(shape);
  if (n > 0 && in.ids == nullptr) {
    return Status::invalid_argument("ids is null but its shape " + shape_to_string(shape) +
                                    " holds " + std::to_string(n) + " ids");
  }
  if (in.offsets == nullptr && in.num_offsets > 0) {
    return Status::invalid_argument("offsets is null but num_offsets is " +
                                    std::to_string(in.num_offsets));
  }
  if (in.per_sample_weights != nullptr && config.mode != EmbeddingBagMode::kSum) {
    return per_sample_weights_unsupported(config.mode);
  }
  bags->n = n;
  if (shape.size() == 2) {
    if (in.offsets != nullptr) {
      return Status::invalid_argument("2-D ids " + shape_to_string(shape) +
                                      " are B bags of L ids each, so offsets must be absent, got " +
                                      std::to_string(in.num_offsets) + " offsets");
    }
    bags->count = shape[0];
    bags->length = shape[1];
    return Status::ok();
  }
  if (in.offsets == nullptr) {
    return Status::invalid_argument(
        "1-D ids " + shape_to_string(shape) +
        " need offsets saying where each bag starts (or pass 2-D ids (B, L) for bags of equal length)");
  }
  const size_t m = in.num_offsets;
  if (config.include_last_offset && m < 1) {
    return Status::invalid_argument(
        option_name("include_last_offset") + " needs at least 1 offset (the last one equals the number of ids), got 0");
  }
  // PyTorch would index bag -1 here; every id must belong to some bag.
  if (m == 0 && n > 0) {
    return Status::invalid_argument("offsets is empty, so there are no bags, but there are " +
                                    std::to_string(n) + " ids");
  }
  const auto name = [](size_t k) { return "offsets[" + std::to_string(k) + "] = "; };
  for (size_t k = 0; k < m; ++k) {
    const int32_t o = in.offsets[k];
    if (o < 0) return Status::out_of_range(name(k) + std::to_string(o) + " is negative");
    if (k == 0 && o != 0) {
      return Status::out_of_range("offsets[0] must be 0 (the first bag starts at the first id), got " +
                                  std::to_string(o));
    }
    if (k > 0 && o < in.offsets[k - 1]) {
      return Status::out_of_range(name(k) + std::to_string(o) + " is less than offsets[" +
                                  std::to_string(k - 1) + "] = " + std::to_string(in.offsets[k - 1]) +
                                  " (offsets must be non-decreasing)");
    }
    if (static_cast<size_t>(o) > n) {
      return Status::out_of_range(name(k) + std::to_string(o) + " is greater than the number of ids " +
                                  std::to_string(n));
    }
  }
  if (config.include_last_offset && static_cast<size_t>(in.offsets[m - 1]) != n) {
    return Status::out_of_range("with " + option_name("include_last_offset") + " the last offset must equal the number of ids " +
                                std::to_string(n) + ", got " + name(m - 1) +
                                std::to_string(in.offsets[m - 1]));
  }
  bags->count = config.include_last_offset ? m - 1 : m;
  bags->offsets = in.offsets;
  bags->num_offsets = m;
  return Status::ok();
}

Status check_input(const EmbeddingBagConfig& config, const EmbeddingTable& table, const BagInput& in,
                   Bags* bags) {
  EMBEDWASM_RETURN_IF_ERROR(check_bags(config, in, bags));
  return table.check_ids(in.ids, in.ids_shape);
}

// (N,) the factor dy[bag(i)] is added with into row ids[i] in sum and mean mode (0 at
// padding). Formed in double and rounded once, so w / count / freq does not pick up a
// rounding per factor; the sparse and dense paths share it, which keeps their bits equal.
// freq_groups: the non-padding ids grouped, when scale_grad_by_freq is on, else null.
std::vector<float> entry_scales(const BagInput& in, const Bags& bags, EmbeddingBagMode mode,
                                int32_t padding, const RowGroups* freq_groups) {
  std::vector<float> scale(bags.n, 0.0f);
  std::vector<uint32_t> freq;
  if (freq_groups != nullptr) {
    freq.assign(bags.n, 1);
    for (size_t k = 0; k < freq_groups->rows.size(); ++k) {
      const uint32_t c = static_cast<uint32_t>(freq_groups->count(k));
      for (uint32_t p = freq_groups->starts[k]; p < freq_groups->starts[k + 1]; ++p) {
        freq[freq_groups->order[p]] = c;
      }
    }
  }
  for (size_t b = 0; b < bags.count; ++b) {
    const size_t begin = bags.begin(b), end = bags.end(b);
    size_t count = 0;
    for (size_t i = begin; i < end; ++i) count += in.ids[i] != padding;
    for (size_t i = begin; i < end; ++i) {
      if (in.ids[i] == padding) continue;
      double s = in.per_sample_weights != nullptr ? static_cast<double>(in.per_sample_weights[i]) : 1.0;
      if (mode == EmbeddingBagMode::kMean) s /= static_cast<double>(count);
      if (freq_groups != nullptr) s /= static_cast<double>(freq[i]);
      scale[i] = static_cast<float>(s);
    }
  }
  return scale;
}

// arg: (D,) for each dim, the position in [begin, end) whose row holds the bag's max,
// the first one on ties, exactly as forward's strict > picks it. best: (D,) scratch.
// Returns false when the bag holds no non-padding id (then it has no gradient).
bool bag_argmax(const RowMatrix& w, const int32_t* ids, size_t begin, size_t end, int32_t padding,
                std::vector<size_t>* arg, std::vector<float>* best) {
  const size_t d = w.cols();
  bool found = false;
  for (size_t i = begin; i < end; ++i) {
    if (ids[i] == padding) continue;
    const float* row = w.row(ids[i]);
    if (!found) {
      std::fill(arg->begin(), arg->end(), i);
      std::copy(row, row + d, best->begin());
      found = true;
      continue;
    }
    for (size_t j = 0; j < d; ++j) {
      if (row[j] > (*best)[j]) {
        (*best)[j] = row[j];
        (*arg)[j] = i;
      }
    }
  }
  return found;
}

}  // namespace

const Schema<EmbeddingBagConfig>& embedding_bag_schema() {
  static const Schema<EmbeddingBagConfig> schema = [] {
    Schema<EmbeddingBagConfig> s("embeddingBag");
    s.add_record("table", &EmbeddingBagConfig::table, table_schema()).flat();
    s.add_enum("mode", &EmbeddingBagConfig::mode,
               {EmbeddingBagMode::kSum, EmbeddingBagMode::kMean, EmbeddingBagMode::kMax}, embedding_bag_mode_name);
    s.add("include_last_offset", &EmbeddingBagConfig::include_last_offset);
    return s;
  }();
  return schema;
}

Status EmbeddingBag::create(const EmbeddingBagConfig& config, const float* initial_weights,
                            EmbeddingBag* out) {
  const int mode = static_cast<int>(config.mode);
  if (mode < 0 || mode > 2) {
    return Status::invalid_argument("must be sum (0), mean (1) or max (2), got " + std::to_string(mode))
        .with_field("mode");
  }
  EMBEDWASM_RETURN_IF_ERROR(embedding_bag_schema().validate(config));
  // The max gradient goes to one row per dim, so there is no per-id count to divide by.
  if (config.mode == EmbeddingBagMode::kMax && config.table.scale_grad_by_freq) {
    return Status::invalid_argument(
        option_name("scale_grad_by_freq") + " is not supported for mode='max' (max mode does not support "
        "scaling the gradient by the frequency)");
  }
  EmbeddingTable table;
  EMBEDWASM_RETURN_IF_ERROR(EmbeddingTable::create(config.table, initial_weights, &table));
  out->config_ = config;
  out->table_ = std::move(table);
  return Status::ok();
}

Status EmbeddingBag::output_rows(const BagInput& input, size_t* bags) const {
  Bags b;
  EMBEDWASM_RETURN_IF_ERROR(check_bags(config_, input, &b));
  *bags = b.count;
  return Status::ok();
}

Status EmbeddingBag::forward(const BagInput& input, float* out) {
  Bags bags;
  EMBEDWASM_RETURN_IF_ERROR(check_input(config_, table_, input, &bags));
  table_.renorm_rows(input.ids, bags.n);
  const RowMatrix& w = table_.weights();
  const size_t d = dim();
  const int32_t padding = table_.padding_row();
  const int32_t* ids = input.ids;
  const float* psw = input.per_sample_weights;
  // Split by bags (output rows): each bag is summed by one task in input order.
  const size_t per_bag = d * bags.n / std::max<size_t>(bags.count, 1) + 1;
  parallel_for(bags.count, row_grain(bags.count, per_bag, kMinTaskFloats), [&](size_t b0, size_t b1) {
    for (size_t b = b0; b < b1; ++b) {
      float* o = out + b * d;  // (D,)
      std::fill(o, o + d, 0.0f);
      size_t count = 0;
      for (size_t i = bags.begin(b), end = bags.end(b); i < end; ++i) {
        if (ids[i] == padding) continue;
        const float* row = w.row(ids[i]);
        if (config_.mode != EmbeddingBagMode::kMax) {
          kernels::f32_axpy(d, psw != nullptr ? psw[i] : 1.0f, row, o);
        } else if (count == 0) {
          std::memcpy(o, row, d * sizeof(float));
        } else {
          // Strict >: the first occurrence wins ties, the rule backward's arg-max follows.
          for (size_t j = 0; j < d; ++j) o[j] = row[j] > o[j] ? row[j] : o[j];
        }
        ++count;
      }
      // A division (not a reciprocal multiply) as PyTorch does: the mean is the correctly
      // rounded quotient of the float sum.
      if (config_.mode == EmbeddingBagMode::kMean && count > 1) {
        const float c = static_cast<float>(count);
        for (size_t j = 0; j < d; ++j) o[j] /= c;
      }
    }
  });
  return Status::ok();
}

Status EmbeddingBag::backward_sparse(const BagInput& input, const float* dy, SparseRowGradient* grad) {
  Bags bags;
  EMBEDWASM_RETURN_IF_ERROR(check_input(config_, table_, input, &bags));
  const size_t d = dim();
  const int32_t* ids = input.ids;
  RowGroups groups;
  group_rows(ids, bags.n, table_.padding_row(), &groups);
  grad->cols = d;
  grad->rows = groups.rows;
  grad->values.assign(groups.rows.size() * d, 0.0f);

  if (config_.mode == EmbeddingBagMode::kMax) {
    // slot[i]: the sparse row that position i adds into.
    std::vector<uint32_t> slot(bags.n, 0);
    for (size_t k = 0; k < groups.rows.size(); ++k) {
      for (uint32_t p = groups.starts[k]; p < groups.starts[k + 1]; ++p) {
        slot[groups.order[p]] = static_cast<uint32_t>(k);
      }
    }
    std::vector<size_t> arg(d);
    std::vector<float> best(d);
    // Bags in order, as backward_dense walks them: each (row, dim) sums in the same order.
    for (size_t b = 0; b < bags.count; ++b) {
      if (!bag_argmax(table_.weights(), ids, bags.begin(b), bags.end(b), table_.padding_row(), &arg,
                      &best)) {
        continue;
      }
      for (size_t j = 0; j < d; ++j) grad->row_values(slot[arg[j]])[j] += dy[b * d + j];
    }
    return Status::ok();
  }

  const bool by_freq = table_.config().scale_grad_by_freq;
  const std::vector<float> scale =
      entry_scales(input, bags, config_.mode, table_.padding_row(), by_freq ? &groups : nullptr);
  std::vector<size_t> bag_of(bags.n);
  for (size_t b = 0; b < bags.count; ++b) {
    for (size_t i = bags.begin(b), end = bags.end(b); i < end; ++i) bag_of[i] = b;
  }
  for (size_t k = 0; k < groups.rows.size(); ++k) {
    float* dst = grad->row_values(k);
    for (uint32_t p = groups.starts[k]; p < groups.starts[k + 1]; ++p) {
      const size_t i = groups.order[p];
      kernels::f32_axpy(d, scale[i], dy + bag_of[i] * d, dst);
    }
  }
  return Status::ok();
}

Status EmbeddingBag::backward_dense(const BagInput& input, const float* dy, RowMatrix* grad) {
  if (grad->rows() != vocab_size() || grad->cols() != dim()) {
    return Status::invalid_argument("the dense gradient buffer must be (" +
                                    std::to_string(vocab_size()) + ", " + std::to_string(dim()) +
                                    "), got (" + std::to_string(grad->rows()) + ", " +
                                    std::to_string(grad->cols()) + ")");
  }
  Bags bags;
  EMBEDWASM_RETURN_IF_ERROR(check_input(config_, table_, input, &bags));
  const size_t d = dim();
  const int32_t* ids = input.ids;
  const int32_t padding = table_.padding_row();

  if (config_.mode == EmbeddingBagMode::kMax) {
    std::vector<size_t> arg(d);
    std::vector<float> best(d);
    for (size_t b = 0; b < bags.count; ++b) {
      if (!bag_argmax(table_.weights(), ids, bags.begin(b), bags.end(b), padding, &arg, &best)) continue;
      for (size_t j = 0; j < d; ++j) grad->row(ids[arg[j]])[j] += dy[b * d + j];
    }
    return Status::ok();
  }

  RowGroups groups;
  const bool by_freq = table_.config().scale_grad_by_freq;
  if (by_freq) group_rows(ids, bags.n, padding, &groups);
  const std::vector<float> scale =
      entry_scales(input, bags, config_.mode, padding, by_freq ? &groups : nullptr);
  for (size_t b = 0; b < bags.count; ++b) {
    for (size_t i = bags.begin(b), end = bags.end(b); i < end; ++i) {
      if (ids[i] == padding) continue;
      kernels::f32_axpy(d, scale[i], dy + b * d, grad->row(ids[i]));
    }
  }
  return Status::ok();
}

Status EmbeddingBag::backward_per_sample_weights(const BagInput& input, const float* dy,
                                                 float* grad_psw) const {
  if (config_.mode != EmbeddingBagMode::kSum) return per_sample_weights_unsupported(config_.mode);
  Bags bags;
  EMBEDWASM_RETURN_IF_ERROR(check_input(config_, table_, input, &bags));
  const RowMatrix& w = table_.weights();
  const size_t d = dim();
  const int32_t padding = table_.padding_row();
  for (size_t b = 0; b < bags.count; ++b) {
    for (size_t i = bags.begin(b), end = bags.end(b); i < end; ++i) {
      grad_psw[i] = input.ids[i] == padding ? 0.0f : kernels::f32_dot(d, w.row(input.ids[i]), dy + b * d);
    }
  }
  return Status::ok();
}

}  // namespace embedwasm::embedding
