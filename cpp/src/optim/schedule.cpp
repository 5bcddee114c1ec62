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

const Schema<ScheduleSpec>& schedule_schema() {
  static const Schema<ScheduleSpec> schema = [] {
    Schema<ScheduleSpec> s("schedule");
    s.add("name", &ScheduleSpec::name).choices({"constant", "linear", "exponential", "cosine"});
    s.add("final_learning_rate", &ScheduleSpec::final_learning_rate).at_least(0);
    s.add("decay_rate", &ScheduleSpec::decay_rate).above(0);
    s.add("decay_steps", &ScheduleSpec::decay_steps).at_least(1);
    s.add("staircase", &ScheduleSpec::staircase);
    s.add("alpha", &ScheduleSpec::alpha).at_least(0).at_most(1);
    s.add("total_steps", &ScheduleSpec::total_steps).at_least(0);
    return s;
  }();
  return schema;
}

Status validate(const ScheduleSpec& schedule) {
  if (parse_schedule(schedule.name) == ScheduleKind::kUnknown) {
    return Status::invalid_argument("unknown learning-rate schedule '" + schedule.name +
                                    "'; expected constant, linear, exponential or cosine");
  }
  return schedule_schema().validate(schedule).prefixed("schedule ");
}

}  // namespace embedwasm::optim
