#include "embedwasm/fasttext/args.h"

namespace embedwasm::fasttext {

const char* model_kind_name(ModelKind kind) {
  switch (kind) {
    case ModelKind::kCbow: return "cbow";
    case ModelKind::kSkipgram: return "skipgram";
    case ModelKind::kSupervised: return "supervised";
  }
  return "unknown";
}

const char* loss_kind_name(LossKind kind) {
  switch (kind) {
    case LossKind::kHierarchicalSoftmax: return "hs";
    case LossKind::kNegativeSampling: return "ns";
    case LossKind::kSoftmax: return "softmax";
    case LossKind::kOneVsAll: return "ova";
  }
  return "unknown";
}

bool is_valid_model_kind(int32_t value) { return value >= 1 && value <= 3; }
bool is_valid_loss_kind(int32_t value) { return value >= 1 && value <= 4; }

Args args_for(ModelKind kind) {
  Args args;
  args.model = kind;
  if (kind == ModelKind::kSupervised) {
    args.loss = LossKind::kSoftmax;
    args.min_count = 1;
    args.minn = 0;
    args.maxn = 0;
    args.lr = 0.1;
  }
  return args;
}

Args without_unused_buckets(Args args) {
  if (args.word_ngrams <= 1 && args.maxn == 0) args.bucket = 0;
  return args;
}

}  // namespace embedwasm::fasttext
