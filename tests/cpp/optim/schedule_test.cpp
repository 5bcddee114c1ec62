// optim/schedule: learning rates at a few steps, computed by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "embedwasm/optim/schedule.h"

using namespace embedwasm;
using namespace embedwasm::optim;

namespace {

ScheduleSpec Named(const char* name) {
  ScheduleSpec s;
  s.name = name;
  return s;
}

}  // namespace

TEST_CASE("constant schedule", "[schedule]") {
  CHECK(scheduled_learning_rate(Named("constant"), 0.1, 0) == 0.1);
  CHECK(scheduled_learning_rate(Named("constant"), 0.1, 123456) == 0.1);
}

TEST_CASE("linear schedule reaches final_learning_rate at total_steps and holds it", "[schedule]") {
  ScheduleSpec s = Named("linear");
  s.final_learning_rate = 0.02;
  s.total_steps = 4;
  CHECK(scheduled_learning_rate(s, 0.1, 0) == Approx(0.1));
  CHECK(scheduled_learning_rate(s, 0.1, 1) == Approx(0.08));
  CHECK(scheduled_learning_rate(s, 0.1, 2) == Approx(0.06));
  CHECK(scheduled_learning_rate(s, 0.1, 4) == Approx(0.02));
  CHECK(scheduled_learning_rate(s, 0.1, 10) == Approx(0.02));
  s.total_steps = 0;
  CHECK(scheduled_learning_rate(s, 0.1, 10) == 0.1);
}

TEST_CASE("exponential schedule, smooth and staircase", "[schedule]") {
  ScheduleSpec s = Named("exponentialDecay");
  s.decay_rate = 0.5;
  s.decay_steps = 10;
  CHECK(scheduled_learning_rate(s, 0.8, 0) == Approx(0.8));
  CHECK(scheduled_learning_rate(s, 0.8, 10) == Approx(0.4));
  CHECK(scheduled_learning_rate(s, 0.8, 15) == Approx(0.8 * std::pow(0.5, 1.5)));  // 0.28284
  CHECK(scheduled_learning_rate(s, 0.8, 20) == Approx(0.2));
  s.staircase = true;
  CHECK(scheduled_learning_rate(s, 0.8, 15) == Approx(0.4));
  CHECK(scheduled_learning_rate(s, 0.8, 19) == Approx(0.4));
  CHECK(scheduled_learning_rate(s, 0.8, 20) == Approx(0.2));
}

TEST_CASE("cosine schedule from lr down to alpha * lr", "[schedule]") {
  ScheduleSpec s = Named("cosine");
  s.total_steps = 100;
  s.alpha = 0.1;
  CHECK(scheduled_learning_rate(s, 1.0, 0) == Approx(1.0));
  // Half way: cos(pi / 2) = 0, so 0.9 * 0.5 + 0.1.
  CHECK(scheduled_learning_rate(s, 1.0, 50) == Approx(0.55));
  // A quarter: 0.9 * 0.5 * (1 + sqrt(2) / 2) + 0.1 = 0.868198.
  CHECK(scheduled_learning_rate(s, 1.0, 25) == Approx(0.8681980515));
  CHECK(scheduled_learning_rate(s, 1.0, 100) == Approx(0.1));
  CHECK(scheduled_learning_rate(s, 1.0, 1000) == Approx(0.1));
}

TEST_CASE("schedule validation", "[schedule]") {
  CHECK(validate(Named("constant")).is_ok());
  CHECK(validate(Named("CosineDecay")).is_ok());
  CHECK(validate(Named("step")).code() == StatusCode::kInvalidArgument);
  ScheduleSpec s = Named("exponential");
  s.decay_steps = 0;
  CHECK(validate(s).code() == StatusCode::kOutOfRange);
  s = Named("cosine");
  s.alpha = 1.5;
  CHECK(validate(s).code() == StatusCode::kOutOfRange);
  s = Named("linear");
  s.total_steps = -1;
  CHECK(validate(s).code() == StatusCode::kOutOfRange);
}
