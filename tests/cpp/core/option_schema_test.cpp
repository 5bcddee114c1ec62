// core/option_schema: defaults come from the struct, ranges are checked with the field
// named, records are read and written in the schema's order (flat nested records with
// their name under the parent's key, optional fields as has<Key> + <key>, slots at their
// value), and the JSON JS reads says the same.
#include "embedwasm/core/option_schema.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace embedwasm {
namespace {

enum class Color { kRed, kGreen };
const char* color_name(Color c) { return c == Color::kRed ? "red" : "green"; }

struct Inner {
  std::string name = "plain";
  double scale = 1.5;
};

struct Spec {
  int64_t count = 3;
  double rate = 0.25;
  bool on = true;
  Color color = Color::kGreen;
  std::optional<int64_t> pad;
  uint64_t seed = 9;
  Inner inner;  // flat, its name under "kind"
  Inner other;  // a nested record
};

const Schema<Inner>& InnerSchema() {
  static const Schema<Inner> schema = [] {
    Schema<Inner> s("inner");
    s.add("name", &Inner::name).choices({"plain", "fancy"});
    s.add("scale", &Inner::scale).above(0);
    return s;
  }();
  return schema;
}

const Schema<Spec>& SpecSchema() {
  static const Schema<Spec> schema = [] {
    Schema<Spec> s("spec");
    s.add("count", &Spec::count).at_least(1).at_most(10);
    s.add("rate", &Spec::rate).at_least(0).below(1);
    s.add("on", &Spec::on);
    s.add_enum("color", &Spec::color, {Color::kRed, Color::kGreen}, color_name);
    s.add("pad", &Spec::pad).at_least(-5);
    s.add("seed", &Spec::seed).random_seed();
    s.add_record("inner", &Spec::inner, InnerSchema()).flat().key("kind");
    s.add_record("other", [](auto& spec) -> auto& { return spec.other; }, InnerSchema());
    return s;
  }();
  return schema;
}

OptionRecord Record(std::initializer_list<std::pair<const char*, OptionValue>> entries) {
  OptionRecord r;
  for (const auto& [k, v] : entries) r.set(k, v);
  return r;
}

std::vector<std::string> Keys(const OptionRecord& r) {
  std::vector<std::string> keys;
  for (const auto& e : r.entries()) keys.push_back(e.first);
  return keys;
}

TEST_CASE("camel_case and format_number", "[option_schema]") {
  CHECK(camel_case("learning_rate") == "learningRate");
  CHECK(camel_case("initial_accumulator_value") == "initialAccumulatorValue");
  CHECK(camel_case("beta1") == "beta1");
  CHECK(camel_case("dummy4unknown") == "dummy4unknown");
  CHECK(format_number(0.001) == "0.001");
  CHECK(format_number(1e-7) == "1e-07");
  CHECK(format_number(2147483648.0) == "2147483648");
  CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "inf");
}

TEST_CASE("the defaults a schema states are a default-constructed spec's", "[option_schema]") {
  const OptionRecord d = SpecSchema().defaults();
  CHECK(Keys(d) == std::vector<std::string>{"count", "rate", "on", "color", "hasPad", "pad", "seed", "kind", "scale",
                                             "other"});
  CHECK(*d.find("count") == OptionValue::number(3));
  CHECK(*d.find("rate") == OptionValue::number(0.25));
  CHECK(*d.find("on") == OptionValue::boolean(true));
  CHECK(*d.find("color") == OptionValue::text("green"));
  CHECK(*d.find("hasPad") == OptionValue::boolean(false));
  CHECK(*d.find("pad") == OptionValue::number(0));
  CHECK(*d.find("kind") == OptionValue::text("plain"));
  CHECK(*d.find("scale") == OptionValue::number(1.5));
  const OptionRecord& other = d.find("other")->record();
  CHECK(Keys(other) == std::vector<std::string>{"name", "scale"});
  const OptionField* count = SpecSchema().find("count");
  REQUIRE(count != nullptr);
  CHECK(count->key == "count");
  CHECK(count->type == OptionType::kInteger);
  CHECK(SpecSchema().find("seed")->random_seed);
  CHECK(SpecSchema().find("pad")->has_key() == "hasPad");
}

TEST_CASE("validate names the field and states the range", "[option_schema]") {
  Spec spec;
  CHECK(SpecSchema().validate(spec).is_ok());
  spec.count = 11;
  Status s = SpecSchema().validate(spec);
  CHECK(s.code() == StatusCode::kOutOfRange);
  CHECK(s.field() == "count");
  CHECK(s.message() == "count must be in [1, 10], got 11");
  spec = Spec();
  spec.rate = 1.0;
  CHECK(SpecSchema().validate(spec).message() == "rate must be in [0, 1), got 1");
  spec.rate = std::nan("");
  CHECK(SpecSchema().validate(spec).message() == "rate must be in [0, 1), got nan");
  spec = Spec();
  spec.pad = -6;
  CHECK(SpecSchema().validate(spec).message() == "pad must be >= -5, got -6");
  spec = Spec();
  spec.inner.scale = 0;
  CHECK(SpecSchema().validate(spec).message() == "scale must be a finite number > 0, got 0");
  spec = Spec();
  spec.other.scale = std::numeric_limits<double>::infinity();
  s = SpecSchema().validate(spec);
  CHECK(s.message() == "other scale must be a finite number > 0, got inf");
  CHECK(s.message(camel_case) == "other scale must be a finite number > 0, got inf");
}

TEST_CASE("read sets what the record holds and checks it; write is its inverse", "[option_schema]") {
  Spec spec;
  const OptionRecord r = Record({{"count", OptionValue::number(7)},
                                 {"color", OptionValue::text("red")},
                                 {"hasPad", OptionValue::boolean(true)},
                                 {"pad", OptionValue::number(-2)},
                                 {"kind", OptionValue::text("fancy")},
                                 {"scale", OptionValue::number(4)},
                                 {"seed", OptionValue::number(9007199254740993.0)},
                                 {"unknown", OptionValue::text("ignored")}});
  REQUIRE(SpecSchema().read(r, &spec).is_ok());
  CHECK(spec.count == 7);
  CHECK(spec.rate == 0.25);  // absent: kept
  CHECK(spec.color == Color::kRed);
  CHECK(spec.pad == -2);
  CHECK(spec.inner.name == "fancy");
  CHECK(spec.inner.scale == 4);
  CHECK(spec.other.name == "plain");
  CHECK(spec.seed == 9007199254740992u);  // the double the record holds, exactly
  const OptionRecord back = SpecSchema().write(spec);
  Spec again;
  REQUIRE(SpecSchema().read(back, &again).is_ok());
  CHECK(SpecSchema().write(again) == back);
  CHECK(*back.find("kind") == OptionValue::text("fancy"));

  OptionRecord no_pad = back;
  no_pad.set("hasPad", OptionValue::boolean(false));
  REQUIRE(SpecSchema().read(no_pad, &again).is_ok());
  CHECK_FALSE(again.pad.has_value());
}

TEST_CASE("read refuses wrong types and values with the field named", "[option_schema]") {
  struct Case {
    const char* key;
    OptionValue value;
    StatusCode code;
    const char* message;
  };
  const Case cases[] = {
      {"count", OptionValue::number(2.5), StatusCode::kInvalidArgument, "count must be an integer, got 2.5"},
      {"count", OptionValue::number(0), StatusCode::kOutOfRange, "count must be in [1, 10], got 0"},
      {"count", OptionValue::text("3"), StatusCode::kInvalidArgument, "count must be a number, got a string"},
      {"on", OptionValue::number(1), StatusCode::kInvalidArgument, "on must be a bool, got a number"},
      {"color", OptionValue::text("blue"), StatusCode::kInvalidArgument, "color must be one of 'red', 'green', got 'blue'"},
      {"seed", OptionValue::number(-1), StatusCode::kOutOfRange, "seed must be >= 0, got -1"},
      {"seed", OptionValue::number(1.8446744073709552e19), StatusCode::kOutOfRange, "seed must be >= 0, got 18446744073709551616"},
      {"other", OptionValue::number(1), StatusCode::kInvalidArgument, "other must be a record, got a number"},
  };
  for (const Case& c : cases) {
    INFO(c.key);
    Spec spec;
    const Status s = SpecSchema().read(Record({{c.key, c.value}}), &spec);
    CHECK(s.code() == c.code);
    CHECK(s.message() == c.message);
  }
  Spec spec;
  const Status nested = SpecSchema().read(
      Record({{"other", OptionValue::record(Record({{"scale", OptionValue::number(-1)}}))}}), &spec);
  CHECK(nested.message(camel_case) == "other scale must be a finite number > 0, got -1");
}

TEST_CASE("a slot keeps another spec's field in the record at its value and is never read", "[option_schema]") {
  Schema<Inner> s("withSlot");
  s.add_from(InnerSchema(), "name");
  OptionField borrowed = *SpecSchema().find("rate");
  s.add_slot(borrowed).slot_value(OptionValue::number(0.5));
  s.add_from(InnerSchema(), "scale");
  const OptionRecord d = s.defaults();
  CHECK(Keys(d) == std::vector<std::string>{"name", "rate", "scale"});
  CHECK(*d.find("rate") == OptionValue::number(0.5));
  Inner inner;
  CHECK(s.read(Record({{"rate", OptionValue::text("anything")}}), &inner).is_ok());
  CHECK(s.find("rate")->slot);
}

TEST_CASE("a string field takes any string, and only its choices once it has some", "[option_schema]") {
  struct Names {
    std::string token = "[UNK]";
    std::string mode = "a";
  };
  Schema<Names> s("names");
  s.add("token", &Names::token);
  s.add("mode", &Names::mode).choices({"a", "b"});
  CHECK(s.find("token")->type == OptionType::kString);
  CHECK(s.find("mode")->type == OptionType::kChoice);
  CHECK(to_json(s).find("\"type\":\"string\"") != std::string::npos);
  Names names;
  REQUIRE(s.read(Record({{"token", OptionValue::text("<oov>")}}), &names).is_ok());
  CHECK(names.token == "<oov>");
  const Status number = s.read(Record({{"token", OptionValue::number(1)}}), &names);
  CHECK(number.code() == StatusCode::kInvalidArgument);
  CHECK(names.token == "<oov>");
}

TEST_CASE("a char field is a one-character string in records", "[option_schema]") {
  struct Split {
    char delimiter = '\t';
  };
  Schema<Split> s("split");
  s.add("delimiter", &Split::delimiter);
  CHECK(s.find("delimiter")->type == OptionType::kString);
  CHECK(*s.defaults().find("delimiter") == OptionValue::text("\t"));
  Split split;
  REQUIRE(s.read(Record({{"delimiter", OptionValue::text(",")}}), &split).is_ok());
  CHECK(split.delimiter == ',');
  CHECK(*s.write(split).find("delimiter") == OptionValue::text(","));
  const Status two = s.read(Record({{"delimiter", OptionValue::text(";;")}}), &split);
  CHECK(two.code() == StatusCode::kInvalidArgument);
  CHECK(two.message(camel_case) == "delimiter must be one character, got 2");
  CHECK(split.delimiter == ',');
}

TEST_CASE("to_json states what JS checks", "[option_schema]") {
  const std::string json = to_json(SpecSchema());
  CHECK_THAT(json, Catch::Contains(R"({"name":"count","key":"count","option":"count","type":"integer","default":3,"low":1,"high":10,"lowOpen":false,"highOpen":false,"expect":"must be in [1, 10]"})"));
  CHECK_THAT(json, Catch::Contains(R"("name":"pad","key":"pad","option":"pad","type":"integer","default":0)"));
  CHECK_THAT(json, Catch::Contains(R"("optional":true,"hasKey":"hasPad")"));
  CHECK_THAT(json, Catch::Contains(R"("choices":["red","green"])"));
  CHECK_THAT(json, Catch::Contains(R"("key":"kind","option":"inner","type":"record")"));
  CHECK_THAT(json, Catch::Contains(R"("randomSeed":true)"));
  CHECK(json.find("Infinity") == std::string::npos);
}

}  // namespace
}  // namespace embedwasm
