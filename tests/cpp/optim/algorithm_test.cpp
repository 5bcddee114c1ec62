// optim/algorithm: each algorithm's own defaults over OptimizerSpec's, TF.js' positional
// order, the options each accepts, and records read with the algorithm's defaults.
#include "embedwasm/optim/algorithm.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace embedwasm;
using namespace embedwasm::optim;

TEST_CASE("every algorithm by name, with its own defaults (Keras' and PyTorch's)", "[algorithm]") {
  struct Expected {
    const char* name;
    double learning_rate, epsilon, weight_decay, momentum;
  };
  const Expected expected[] = {
      {"sgd", 0.01, 1e-7, 0, 0},     {"momentum", 0.01, 1e-7, 0, 0.9},   {"adagrad", 0.01, 1e-7, 0, 0},
      {"rmsprop", 0.001, 1e-7, 0, 0}, {"adam", 0.001, 1e-7, 0, 0},       {"adamw", 0.001, 1e-7, 0.004, 0},
      {"adamax", 0.002, 1e-7, 0, 0},  {"sparse_adam", 0.001, 1e-8, 0, 0}};
  REQUIRE(algorithms().size() == std::size(expected));
  for (size_t i = 0; i < algorithms().size(); ++i) {
    const Algorithm& a = *algorithms()[i];
    INFO(a.name);
    CHECK(a.name == expected[i].name);
    const OptimizerSpec s = default_spec(a);
    CHECK(s.name == a.name);
    CHECK(s.learning_rate == expected[i].learning_rate);
    CHECK(s.epsilon == expected[i].epsilon);
    CHECK(s.weight_decay == expected[i].weight_decay);
    CHECK(s.momentum == expected[i].momentum);
    CHECK(a.positional.front() == "learning_rate");
  }
  CHECK(find_algorithm("SparseAdam") == find_algorithm("sparse_adam"));
  CHECK(find_algorithm("RMSprop")->factory == "rmsprop");
  CHECK(find_algorithm("lion") == nullptr);
}

TEST_CASE("accepted options: the common ones, then the positional ones, then the rest", "[algorithm]") {
  CHECK(accepted_options(*find_algorithm("sgd")) ==
        std::vector<std::string>{"learning_rate", "weight_decay", "decay", "clip_norm", "clip_value", "schedule",
                                 "momentum", "nesterov"});
  // adamw's weight_decay is positional and common: listed once.
  CHECK(accepted_options(*find_algorithm("adamw")) ==
        std::vector<std::string>{"learning_rate", "weight_decay", "decay", "clip_norm", "clip_value", "schedule",
                                 "beta1", "beta2", "epsilon"});
  CHECK(find_algorithm("rmsprop")->positional ==
        std::vector<std::string>{"learning_rate", "rho", "momentum", "epsilon", "centered"});
}

TEST_CASE("a record is read over its algorithm's defaults; the schedule inline", "[algorithm]") {
  OptionRecord r;
  r.set("name", OptionValue::text("adamw"));
  r.set("beta1", OptionValue::number(0.8));
  r.set("schedule", OptionValue::text("exponential"));
  r.set("decaySteps", OptionValue::number(20));
  OptimizerSpec spec;
  REQUIRE(spec_from_record(r, &spec).is_ok());
  CHECK(spec.name == "adamw");
  CHECK(spec.beta1 == 0.8);
  CHECK(spec.learning_rate == 0.001);
  CHECK(spec.weight_decay == 0.004);
  CHECK(spec.schedule.name == "exponential");
  CHECK(spec.schedule.decay_steps == 20);
  CHECK(spec.schedule.decay_rate == ScheduleSpec().decay_rate);

  r.set("decaySteps", OptionValue::number(0));
  const Status s = spec_from_record(r, &spec);
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK(s.message(camel_case) == "decaySteps must be >= 1, got 0");
}

TEST_CASE("momentum: SGD with momentum 0.9 unless given one", "[algorithm]") {
  OptimizerSpec spec;
  spec.name = "momentum";
  std::unique_ptr<Optimizer> opt;
  REQUIRE(Optimizer::create(spec, &opt).is_ok());
  CHECK(opt->spec().momentum == 0.9);
  spec.momentum = 0.5;
  REQUIRE(Optimizer::create(spec, &opt).is_ok());
  CHECK(opt->spec().momentum == 0.5);
  spec.name = "adadelta";
  const Status s = Optimizer::create(spec, &opt);
  CHECK(s.message() ==
        "unknown optimizer 'adadelta'; expected sgd, momentum, adagrad, rmsprop, adam, adamw, adamax or sparse_adam");
}
