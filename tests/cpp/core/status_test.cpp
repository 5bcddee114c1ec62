// core/status: a status names the option it is about, and each reader gets the name in
// its own spelling without any rewriting of the text around it.
#include "embedwasm/core/status.h"

#include <catch2/catch.hpp>

#include <string>

#include "embedwasm/core/option_schema.h"

namespace embedwasm {
namespace {

std::string Shout(std::string_view name) { return "<" + std::string(name) + ">"; }

TEST_CASE("with_field puts the option first and keeps it in field()", "[status]") {
  const Status s = Status::out_of_range("must be > 0, got 0").with_field("decay_steps").prefixed("schedule ");
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK(s.field() == "decay_steps");
  CHECK(s.message() == "schedule decay_steps must be > 0, got 0");
  CHECK(s.message(camel_case) == "schedule decaySteps must be > 0, got 0");
  CHECK(s.message(Shout) == "schedule <decay_steps> must be > 0, got 0");
}

TEST_CASE("option names inside a message are spelled for its reader; other words are not", "[status]") {
  // "input_dim" outside option_name() is text, not an option, and stays as written.
  const Status s = Status::invalid_argument("the rule " + option_name("min_value") + " <= " +
                                            option_name("max_value") + " about input_dim");
  CHECK(s.message() == "the rule min_value <= max_value about input_dim");
  CHECK(s.message(camel_case) == "the rule minValue <= maxValue about input_dim");
  CHECK(s.field().empty());
}

TEST_CASE("ok stays ok through with_field and prefixed", "[status]") {
  const Status s = Status::ok().with_field("x").prefixed("y: ");
  CHECK(s.is_ok());
  CHECK(s.message().empty());
  CHECK(s.field().empty());
}

}  // namespace
}  // namespace embedwasm
