#include "embedwasm/model/loss.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "model/loss_kind.h"
#include "core/name_folding.h"

namespace embedwasm::model {

bool parse_loss_name(const std::string& name, LossKind* kind) {
  const std::string n = fold_name(name);
  if (n == "sparsecategoricalcrossentropy") {
    *kind = LossKind::kSparseCategoricalCrossentropy;
  } else if (n == "categoricalcrossentropy") {
    *kind = LossKind::kCategoricalCrossentropy;
  } else if (n == "binarycrossentropy") {
    *kind = LossKind::kBinaryCrossentropy;
  } else if (n == "meansquarederror" || n == "mse") {
    *kind = LossKind::kMeanSquaredError;
  } else {
    return false;
  }
  return true;
}

namespace {

// Keras backend.epsilon(): probabilities are clipped to [eps, 1 - eps] before the log.
constexpr double kProbEpsilon = 1e-7;

// pred (B, ..., K) seen as N loss elements of K values each; a (B,) pred is (B, 1).
// Keras averages the per-element losses over all N (SUM_OVER_BATCH_SIZE), and sample
// b's weight covers its N / B elements.
struct Layout {
  size_t batch = 0, n = 0, k = 0;
  size_t per_sample() const { return n / batch; }
};

std::string format_value(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", x);
  return text;
}

Status check_data(const char* what, const Tensor& t) {
  if (t.data.size() != shape_size(t.shape)) {
    return Status::invalid_argument(std::string(what) + " holds " + std::to_string(t.data.size()) +
                                    " values but its shape " + shape_to_string(t.shape) + " needs " +
                                    std::to_string(shape_size(t.shape)));
  }
  return Status::ok();
}

Status layout_of(const Tensor& pred, Layout* out) {
  EMBEDWASM_RETURN_IF_ERROR(check_data("pred", pred));
  if (pred.shape.empty() || pred.shape[0] == 0) {
    return Status::invalid_argument("pred has shape " + shape_to_string(pred.shape) +
                                    "; a loss needs a non-empty batch axis");
  }
  Layout l;
  l.batch = pred.shape[0];
  l.k = pred.shape.size() == 1 ? 1 : pred.shape.back();
  if (l.k == 0) {
    return Status::invalid_argument("pred has shape " + shape_to_string(pred.shape) +
                                    "; its last axis is empty");
  }
  l.n = pred.data.size() / l.k;
  *out = l;
  return Status::ok();
}

// Keras squeezes or expands a trailing axis of size 1 when ranks differ by one.
bool same_up_to_trailing_one(const Shape& a, const Shape& b) {
  if (a == b) return true;
  if (a.size() == b.size() + 1) return a.back() == 1 && Shape(a.begin(), a.end() - 1) == b;
  if (b.size() == a.size() + 1) return b.back() == 1 && Shape(b.begin(), b.end() - 1) == a;
  return false;
}

double log_sum_exp(const float* z, size_t k, double* max_out) {
  double m = z[0];
  for (size_t c = 1; c < k; ++c) m = std::max(m, static_cast<double>(z[c]));
  double s = 0.0;
  for (size_t c = 0; c < k; ++c) s += std::exp(static_cast<double>(z[c]) - m);
  *max_out = m;
  return m + std::log(s);
}

// -sum_c t_c log_softmax(z)_c and its gradient softmax(z) * sum(t) - t (not softmax - t,
// which holds only when t sums to 1). t(c) gives the target of class c.
template <typename Target>
double crossentropy_logits(const float* z, size_t k, Target t, double scale, float* g) {
  double m = 0.0;
  const double lse = log_sum_exp(z, k, &m);
  double loss = 0.0, t_sum = 0.0;
  for (size_t c = 0; c < k; ++c) {
    const double tc = t(c);
    if (tc != 0.0) loss += tc * (lse - z[c]);  // skips 0 * inf when z[c] is -inf
    t_sum += tc;
  }
  for (size_t c = 0; c < k; ++c) {
    const double softmax = std::exp(static_cast<double>(z[c]) - lse);
    g[c] = static_cast<float>(scale * (softmax * t_sum - t(c)));
  }
  return loss;
}

// Keras / TF.js on probabilities: p / sum(p), clipped to [eps, 1 - eps], then
// -sum_c t_c log q_c. The gradient goes back through the clip (zero where it bites)
// and the normalisation. A row summing to 0 is used as is instead of dividing 0 by 0.
template <typename Target>
double crossentropy_probs(const float* p, size_t k, Target t, double scale, float* g) {
  double sum = 0.0;
  for (size_t c = 0; c < k; ++c) sum += p[c];
  if (!(sum > 0.0)) sum = 1.0;
  // dL/dq_c, recomputed in the second pass rather than kept in a (K,) scratch buffer.
  auto dl_dq = [&](size_t c, double q) {
    return (q >= kProbEpsilon && q <= 1.0 - kProbEpsilon) ? -t(c) / q : 0.0;
  };
  double loss = 0.0, dq_dot_q = 0.0;
  for (size_t c = 0; c < k; ++c) {
    const double q = p[c] / sum;
    const double clipped = std::min(std::max(q, kProbEpsilon), 1.0 - kProbEpsilon);
    loss -= t(c) * std::log(clipped);
    dq_dot_q += dl_dq(c, q) * q;
  }
  for (size_t c = 0; c < k; ++c) {
    const double q = p[c] / sum;
    g[c] = static_cast<float>(scale * (dl_dq(c, q) - dq_dot_q) / sum);
  }
  return loss;
}

// TF's sigmoid_cross_entropy_with_logits: max(z, 0) - z t + log(1 + exp(-|z|)), finite
// for any finite z.
double binary_crossentropy_logit(double z, double t, double* grad) {
  const double e = std::exp(-std::fabs(z));
  const double sigmoid = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  *grad = sigmoid - t;
  return std::max(z, 0.0) - z * t + std::log1p(e);
}

double binary_crossentropy_prob(double p, double t, double* grad) {
  const double clipped = std::min(std::max(p, kProbEpsilon), 1.0 - kProbEpsilon);
  *grad = (p >= kProbEpsilon && p <= 1.0 - kProbEpsilon) ? (p - t) / (p * (1.0 - p)) : 0.0;
  return -(t * std::log(clipped) + (1.0 - t) * std::log(1.0 - clipped));
}

Status check_class_ids(const Tensor& target, size_t classes, size_t per_sample) {
  for (size_t i = 0; i < target.data.size(); ++i) {
    const float id = target.data[i];
    const bool integer = std::isfinite(id) && std::floor(id) == id;
    if (integer && id >= 0.0f && static_cast<double>(id) < static_cast<double>(classes)) continue;
    const std::string text = "target" + flat_index_to_position(i, target.shape) + " (sample " +
                             std::to_string(i / per_sample) + ") is " + format_value(id) +
                             "; class ids must be integers in [0, " + std::to_string(classes) + ")";
    return integer ? Status::out_of_range(text) : Status::invalid_argument(text);
  }
  return Status::ok();
}

Status check_target(LossKind kind, const Tensor& pred, const Tensor& target, const Layout& l) {
  EMBEDWASM_RETURN_IF_ERROR(check_data("target", target));
  if (kind == LossKind::kSparseCategoricalCrossentropy) {
    if (pred.shape.size() < 2) {
      return Status::invalid_argument("pred has shape " + shape_to_string(pred.shape) +
                                      "; sparse categorical crossentropy needs a class axis");
    }
    const Shape ids(pred.shape.begin(), pred.shape.end() - 1);
    if (!same_up_to_trailing_one(target.shape, ids)) {
      return Status::invalid_argument("class-id target has shape " + shape_to_string(target.shape) +
                                      " but pred " + shape_to_string(pred.shape) + " needs " +
                                      shape_to_string(ids));
    }
    return check_class_ids(target, l.k, l.per_sample());
  }
  if (!same_up_to_trailing_one(target.shape, pred.shape)) {
    return Status::invalid_argument("target has shape " + shape_to_string(target.shape) +
                                    " but pred has shape " + shape_to_string(pred.shape));
  }
  return Status::ok();
}

const char* canonical_name(LossKind kind) {
  switch (kind) {
    case LossKind::kSparseCategoricalCrossentropy: return "sparse_categorical_crossentropy";
    case LossKind::kCategoricalCrossentropy: return "categorical_crossentropy";
    case LossKind::kBinaryCrossentropy: return "binary_crossentropy";
    case LossKind::kMeanSquaredError: return "mean_squared_error";
  }
  return "";
}

}  // namespace

Status validate(const LossSpec& spec) {
  LossKind kind;
  if (!parse_loss_name(spec.name, &kind)) {
    return Status::invalid_argument("unknown loss '" + spec.name +
                                    "'; expected sparse_categorical_crossentropy, "
                                    "categorical_crossentropy, binary_crossentropy or "
                                    "mean_squared_error (camelCase accepted)");
  }
  return Status::ok();
}

Status compute_loss(const LossSpec& spec, const Tensor& pred, const Tensor& target,
                    const float* sample_weight, double* loss, Tensor* grad) {
  EMBEDWASM_RETURN_IF_ERROR(validate(spec));
  LossKind kind;
  parse_loss_name(spec.name, &kind);
  const std::string who = std::string(canonical_name(kind)) + ": ";
  Layout l;
  EMBEDWASM_RETURN_IF_ERROR(layout_of(pred, &l).prefixed(who));
  EMBEDWASM_RETURN_IF_ERROR(check_target(kind, pred, target, l).prefixed(who));

  grad->resize(pred.shape);
  const size_t k = l.k;
  const double inv_n = 1.0 / static_cast<double>(l.n);
  double total = 0.0;
  for (size_t i = 0; i < l.n; ++i) {
    const double w = sample_weight ? sample_weight[i / l.per_sample()] : 1.0;
    const double scale = w * inv_n;
    const float* p = pred.data.data() + i * k;
    float* g = grad->data.data() + i * k;
    double element = 0.0;
    switch (kind) {
      case LossKind::kSparseCategoricalCrossentropy: {
        const size_t id = static_cast<size_t>(target.data[i]);
        auto one_hot = [id](size_t c) { return c == id ? 1.0 : 0.0; };
        element = spec.from_logits ? crossentropy_logits(p, k, one_hot, scale, g)
                                   : crossentropy_probs(p, k, one_hot, scale, g);
        break;
      }
      case LossKind::kCategoricalCrossentropy: {
        const float* t = target.data.data() + i * k;
        auto dense = [t](size_t c) { return static_cast<double>(t[c]); };
        element = spec.from_logits ? crossentropy_logits(p, k, dense, scale, g)
                                   : crossentropy_probs(p, k, dense, scale, g);
        break;
      }
      case LossKind::kBinaryCrossentropy:
      case LossKind::kMeanSquaredError: {
        // Keras takes the mean over the last axis for these two.
        const float* t = target.data.data() + i * k;
        for (size_t c = 0; c < k; ++c) {
          double d = 0.0;
          if (kind == LossKind::kMeanSquaredError) {
            const double diff = static_cast<double>(p[c]) - t[c];
            element += diff * diff;
            d = 2.0 * diff;
          } else {
            element += spec.from_logits ? binary_crossentropy_logit(p[c], t[c], &d)
                                        : binary_crossentropy_prob(p[c], t[c], &d);
          }
          g[c] = static_cast<float>(scale * d / static_cast<double>(k));
        }
        element /= static_cast<double>(k);
        break;
      }
    }
    total += w * element;
  }
  *loss = total * inv_n;
  return Status::ok();
}

}  // namespace embedwasm::model
