#include "embedwasm/fasttext/training_args.h"

#include <cmath>
#include <limits>
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

// The fields both modes share, with the ranges check_training_args enforces on each alone.
template <typename Spec>
void add_training_fields(Schema<Spec>& s) {
  constexpr double kInt32Max = 0x7FFFFFFF;
  s.add("lr", &Args::lr).above(0).below(std::numeric_limits<double>::infinity());
  s.add("dim", &Args::dim).at_least(1).at_most(kMaxTrainDim);
  s.add("ws", &Args::ws).at_least(1).at_most(100000);
  s.add("epoch", &Args::epoch).at_least(1).at_most(1000000);
  s.add("min_count", &Args::min_count).at_least(0);
  s.add("min_count_label", &Args::min_count_label).at_least(0);
  s.add("neg", &Args::neg).at_least(0).at_most(100000);
  s.add("word_ngrams", &Args::word_ngrams).at_least(1).at_most(kMaxNgramLength);
  s.add_enum("loss", &Args::loss,
             {LossKind::kSoftmax, LossKind::kHierarchicalSoftmax, LossKind::kNegativeSampling, LossKind::kOneVsAll},
             loss_kind_name);
  s.add("bucket", &Args::bucket).at_least(0).at_most(kInt32Max);
  s.add("minn", &Args::minn).at_least(0).at_most(kMaxNgramLength);
  s.add("maxn", &Args::maxn).at_least(0).at_most(kMaxNgramLength);
  s.add("lr_update_rate", &Args::lr_update_rate).at_least(1);
  s.add("t", &Args::t).above(0).at_most(1);
  s.add("label", &Args::label);
  s.add("seed", &Args::seed);
  s.add("thread", &Args::thread).at_least(1).at_most(kMaxTrainThreads);
  s.add("pretrained_vectors", &Args::pretrained_vectors);
}

}  // namespace

const Schema<SupervisedArgs>& supervised_args_schema() {
  static const Schema<SupervisedArgs> schema = [] {
    Schema<SupervisedArgs> s("fastTextSupervised");
    add_training_fields(s);
    return s;
  }();
  return schema;
}

const Schema<UnsupervisedArgs>& unsupervised_args_schema() {
  static const Schema<UnsupervisedArgs> schema = [] {
    Schema<UnsupervisedArgs> s("fastTextUnsupervised");
    s.add_enum("model", &Args::model, {ModelKind::kSkipgram, ModelKind::kCbow}, model_kind_name);
    add_training_fields(s);
    return s;
  }();
  return schema;
}

const Schema<QuantizeOptions>& quantize_options_schema() {
  static const Schema<QuantizeOptions> schema = [] {
    Schema<QuantizeOptions> s("fastTextQuantize");
    s.add("cutoff", &QuantizeOptions::cutoff).at_least(0).at_most(0x7FFFFFFF);
    s.add("retrain", &QuantizeOptions::retrain);
    s.add("qnorm", &QuantizeOptions::qnorm);
    s.add("qout", &QuantizeOptions::qout);
    s.add("dsub", &QuantizeOptions::dsub).at_least(1).at_most(kMaxTrainDim);
    s.add("epoch", &QuantizeOptions::epoch).at_least(1).at_most(1000000);
    s.add("lr", &QuantizeOptions::lr).above(0).below(std::numeric_limits<double>::infinity());
    s.add("thread", &QuantizeOptions::thread).at_least(1).at_most(kMaxTrainThreads);
    return s;
  }();
  return schema;
}

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
