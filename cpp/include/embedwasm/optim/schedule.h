#pragma once
// Learning-rate schedules (Keras' LearningRateSchedule family): the rate Sequential
// passes to Optimizer::apply at each step. Names are folded as option names are
// ("exponential", "exponentialDecay", "ExponentialDecay").
#include <cstdint>
#include <string>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/status.h"

namespace embedwasm::optim {

// Learning rate as a function of the step (0-based) over total_steps.
struct ScheduleSpec {
  std::string name = "constant";  // constant, linear, exponential, cosine
  double final_learning_rate = 0.0;  // linear: reached at total_steps
  double decay_rate = 0.96;          // exponential: lr * decay_rate^(step / decay_steps)
  int64_t decay_steps = 1000;        // exponential
  bool staircase = false;            // exponential
  double alpha = 0.0;                // cosine: floor as a fraction of lr
  int64_t total_steps = 0;           // linear, cosine (0: no decay)
};

// name: constant, linear, exponential, cosine; final_learning_rate >= 0; decay_rate > 0;
// decay_steps >= 1; alpha in [0, 1]; total_steps >= 0. Each range holds whatever the
// schedule, though only its own kind reads a field.
const Schema<ScheduleSpec>& schedule_schema();

double scheduled_learning_rate(const ScheduleSpec& schedule, double base_lr, int64_t step);
// The ranges and the name (in any of the spellings above).
Status validate(const ScheduleSpec& schedule);

}  // namespace embedwasm::optim
