#include "embedwasm/optim/schedule.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/name_folding.h"

namespace embedwasm::optim {

namespace {

enum class ScheduleKind { kUnknown, kConstant, kLinear, kExponential, kCosine };

// "exponential", "exponentialDecay" and Keras' "ExponentialDecay" name one schedule.
ScheduleKind parse_schedule(const std::string& name) {
  std::string n = fold_name(name);
  const std::string suffix = "decay";
  if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
    n.resize(n.size() - suffix.size());
  }
  if (n == "constant") return ScheduleKind::kConstant;
  if (n == "linear") return ScheduleKind::kLinear;
  if (n == "exponential") return ScheduleKind::kExponential;
  if (n == "cosine") return ScheduleKind::kCosine;
  return ScheduleKind::kUnknown;
}

}  // namespace

double scheduled_learning_rate(const ScheduleSpec& schedule, double base_lr, int64_t step) {
  const double s = static_cast<double>(std::max<int64_t>(step, 0));
  const double total = static_cast<double>(schedule.total_steps);
  switch (parse_schedule(schedule.name)) {
    case ScheduleKind::kLinear: {
      if (schedule.total_steps <= 0) return base_lr;
      const double frac = std::min(s, total) / total;
      return base_lr + (schedule.final_learning_rate - base_lr) * frac;
    }
    case ScheduleKind::kExponential: {
      if (schedule.decay_steps <= 0) return base_lr;
      double p = s / static_cast<double>(schedule.decay_steps);
      if (schedule.staircase) p = std::floor(p);
      return base_lr * std::pow(schedule.decay_rate, p);
    }
    case ScheduleKind::kCosine: {
      if (schedule.total_steps <= 0) return base_lr;
      const double pi = 3.14159265358979323846;
      const double cosine = 0.5 * (1.0 + std::cos(pi * std::min(s, total) / total));
      return base_lr * ((1.0 - schedule.alpha) * cosine + schedule.alpha);
    }
    default:
      return base_lr;
  }
}

Status validate(const ScheduleSpec& schedule) {
  const ScheduleKind kind = parse_schedule(schedule.name);
  if (kind == ScheduleKind::kUnknown) {
    return Status::invalid_argument("unknown learning-rate schedule '" + schedule.name +
                                    "'; expected constant, linear, exponential or cosine");
  }
  if (schedule.total_steps < 0) {
    return Status::out_of_range("schedule total_steps must be >= 0 (0: no decay), got " +
                                std::to_string(schedule.total_steps));
  }
  if (kind == ScheduleKind::kLinear &&
      !(std::isfinite(schedule.final_learning_rate) && schedule.final_learning_rate >= 0.0)) {
    return Status::out_of_range("linear schedule final_learning_rate must be finite and >= 0, got " +
                                std::to_string(schedule.final_learning_rate));
  }
  if (kind == ScheduleKind::kExponential) {
    if (schedule.decay_steps <= 0) {
      return Status::out_of_range("exponential schedule decay_steps must be > 0, got " +
                                  std::to_string(schedule.decay_steps));
    }
    if (!(std::isfinite(schedule.decay_rate) && schedule.decay_rate > 0.0)) {
      return Status::out_of_range("exponential schedule decay_rate must be finite and > 0, got " +
                                  std::to_string(schedule.decay_rate));
    }
  }
  if (kind == ScheduleKind::kCosine && !(schedule.alpha >= 0.0 && schedule.alpha <= 1.0)) {
    return Status::out_of_range("cosine schedule alpha must be in [0, 1], got " +
                                std::to_string(schedule.alpha));
  }
  return Status::ok();
}

}  // namespace embedwasm::optim
