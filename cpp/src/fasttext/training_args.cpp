#include "embedwasm/fasttext/training_args.h"

#include <cmath>
#include <string>

#include "embedwasm/fasttext/dictionary.h"

namespace embedwasm::fasttext {
namespace {

template <typename T>
Status check_range(const char* name, T value, T lo, T hi) {
  if (value >= lo && value <= hi) return Status::ok();
  return Status::out_of_range(std::string(name) + " must be in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                              "], got " + std::to_string(value));
}

Status check_positive_finite(const char* name, double value) {
  if (std::isfinite(value) && value > 0.0) return Status::ok();
  return Status::out_of_range(std::string(name) + " must be a finite number > 0, got " + std::to_string(value));
}

}  // namespace

Status check_training_args(const Args& a) {
  if (!is_valid_model_kind(static_cast<int32_t>(a.model))) {
    return Status::invalid_argument("model must be 'supervised', 'skipgram' or 'cbow'");
  }
  if (!is_valid_loss_kind(static_cast<int32_t>(a.loss))) {
    return Status::invalid_argument("loss must be 'softmax', 'hs', 'ns' or 'ova'");
  }
  EMBEDWASM_RETURN_IF_ERROR(check_positive_finite("lr", a.lr));
  EMBEDWASM_RETURN_IF_ERROR(check_range("dim", a.dim, 1, kMaxTrainDim));
  EMBEDWASM_RETURN_IF_ERROR(check_range("ws", a.ws, 1, 100000));
  EMBEDWASM_RETURN_IF_ERROR(check_range("epoch", a.epoch, 1, 1000000));
  EMBEDWASM_RETURN_IF_ERROR(check_range("minCount", a.min_count, 0, INT32_MAX));
  EMBEDWASM_RETURN_IF_ERROR(check_range("minCountLabel", a.min_count_label, 0, INT32_MAX));
  EMBEDWASM_RETURN_IF_ERROR(check_range("neg", a.neg, a.loss == LossKind::kNegativeSampling ? 1 : 0, 100000));
  EMBEDWASM_RETURN_IF_ERROR(check_range("wordNgrams", a.word_ngrams, 1, kMaxNgramLength));
  EMBEDWASM_RETURN_IF_ERROR(check_range("bucket", a.bucket, 0, INT32_MAX));
  EMBEDWASM_RETURN_IF_ERROR(check_range("maxn", a.maxn, 0, kMaxNgramLength));
  EMBEDWASM_RETURN_IF_ERROR(check_range("minn", a.minn, 0, a.maxn > 0 ? a.maxn : kMaxNgramLength));
  EMBEDWASM_RETURN_IF_ERROR(check_range("lrUpdateRate", a.lr_update_rate, 1, INT32_MAX));
  if (!(std::isfinite(a.t) && a.t > 0.0 && a.t <= 1.0)) {
    return Status::out_of_range("t must be in (0, 1], got " + std::to_string(a.t));
  }
  EMBEDWASM_RETURN_IF_ERROR(check_range("thread", a.thread, 1, kMaxTrainThreads));
  if (a.label.empty()) return Status::invalid_argument("label (the label prefix) must not be empty");
  for (const char c : a.label) {
    if (is_fasttext_space(c)) return Status::invalid_argument("label (the label prefix) must not contain whitespace");
  }
  const bool hashed = a.maxn > 0 || (a.model == ModelKind::kSupervised && a.word_ngrams > 1);
  if (hashed && a.bucket == 0) {
    return Status::out_of_range("bucket must be > 0 when minn/maxn or wordNgrams > 1 hash n-grams into buckets");
  }
  return Status::ok();
}

Status check_quantize_options(const QuantizeOptions& o, int32_t dim) {
  EMBEDWASM_RETURN_IF_ERROR(check_range<int64_t>("cutoff", o.cutoff, 0, INT32_MAX));
  EMBEDWASM_RETURN_IF_ERROR(check_range("dsub", o.dsub, 1, dim < 1 ? 1 : dim));
  if (o.retrain) {
    EMBEDWASM_RETURN_IF_ERROR(check_range("epoch", o.epoch, 1, 1000000));
    EMBEDWASM_RETURN_IF_ERROR(check_positive_finite("lr", o.lr));
    EMBEDWASM_RETURN_IF_ERROR(check_range("thread", o.thread, 1, kMaxTrainThreads));
  }
  return Status::ok();
}

}  // namespace embedwasm::fasttext
