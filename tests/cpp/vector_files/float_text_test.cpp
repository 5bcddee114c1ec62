#include "embedwasm/vector_files/float_text.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

namespace embedwasm::vector_files {
namespace {

uint32_t Bits(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}

bool Parse(const std::string& s, float* out) { return parse_float(s.data(), s.data() + s.size(), out); }

std::string Format(float x) {
  char buf[kMaxFloatTextBytes];
  const size_t n = format_float(x, buf);
  REQUIRE(n <= kMaxFloatTextBytes);
  return std::string(buf, n);
}

// Minimal xorshift so that this file does not depend on the Rng API.
uint64_t Next(uint64_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

TEST_CASE("parse_float reads every syntax strtof reads, and only whole tokens", "[vector_files]") {
  struct Case {
    const char* text;
    float value;
  };
  const Case good[] = {
      {"1", 1.0f},          {"-1.5", -1.5f},        {"+2", 2.0f},
      {".5", 0.5f},         {"5.", 5.0f},           {"1e3", 1000.0f},
      {"1E-3", 1e-3f},      {"0x1p-2", 0.25f},      {"-0x1.8P1", -3.0f},
      {"0.1", 0.1f},        {"000123.4500", 123.45f}, {"1e-50", 0.0f},
      {"1.17549435e-38", 1.17549435e-38f}, {"1e-45", 1e-45f}, {"3.4028235e38", 3.4028235e38f},
      {"16777217", 16777216.0f},  // a midpoint: ties to even, decided by strtof
      {"33554434", 33554432.0f},
      {"0.100000001490116119384765625", 0.1f},
      {"12345678901234567890123", 1.2345679e22f},
  };
  for (const Case& c : good) {
    INFO(c.text);
    float x = 42.0f;
    REQUIRE(Parse(c.text, &x));
    CHECK(Bits(x) == Bits(c.value));
  }
  float x;
  REQUIRE(Parse("-0", &x));
  CHECK(Bits(x) == Bits(-0.0f));
  REQUIRE(Parse("inf", &x));
  CHECK(x == std::numeric_limits<float>::infinity());
  REQUIRE(Parse("-Infinity", &x));
  CHECK(x == -std::numeric_limits<float>::infinity());
  REQUIRE(Parse("1e50", &x));  // overflow is inf, as numpy.float32("1e50")
  CHECK(x == std::numeric_limits<float>::infinity());
  for (const char* nan : {"nan", "NaN", "-nan", "nan(123)"}) {
    INFO(nan);
    REQUIRE(Parse(nan, &x));
    CHECK(std::isnan(x));
    CHECK(Bits(x) == Bits(std::strtof(nan, nullptr)));  // the payload of nan(123) too
  }
  for (const char* bad : {"", "abc", "1.2.3", "1e", "1e+", " 1", "1 ", "--1", "0x", ".", "+",
                          "1,5", "\v1", "infx", "1f"}) {
    INFO("'" << bad << "'");
    CHECK_FALSE(Parse(bad, &x));
  }
  // A NUL inside the token is not the end of it.
  const std::string with_nul("1\0" "2", 3);
  CHECK_FALSE(Parse(with_nul, &x));
}

TEST_CASE("parse_float agrees with strtof bit for bit on random decimals", "[vector_files]") {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  for (int it = 0; it < 100000; ++it) {
    char text[64];
    int k = 0;
    if (Next(&s) % 2) text[k++] = '-';
    const int digits = 1 + static_cast<int>(Next(&s) % 20);
    const int point = static_cast<int>(Next(&s) % (digits + 1));
    for (int i = 0; i < digits; ++i) {
      if (i == point) text[k++] = '.';
      text[k++] = static_cast<char>('0' + Next(&s) % 10);
    }
    if (Next(&s) % 2) k += std::snprintf(text + k, 16, "e%d", static_cast<int>(Next(&s) % 100) - 55);
    text[k] = '\0';
    char* end = nullptr;
    const float expected = std::strtof(text, &end);
    float got;
    INFO(text);
    REQUIRE(parse_float(text, text + k, &got) == (end == text + k));
    if (end == text + k) REQUIRE(Bits(got) == Bits(expected));
  }
  // Integers around float midpoints, where rounding the double again could go wrong.
  for (uint64_t m = (uint64_t{1} << 24) - 64; m < (uint64_t{1} << 24) + 4096; ++m) {
    const std::string text = std::to_string(m);
    float got;
    REQUIRE(Parse(text, &got));
    REQUIRE(Bits(got) == Bits(std::strtof(text.c_str(), nullptr)));
  }
}

TEST_CASE("format_float writes numpy's repr of a float32", "[vector_files]") {
  // Expected strings are repr(numpy.float32(x)) from numpy 1.24.
  struct Case {
    float value;
    const char* text;
  };
  const Case cases[] = {
      {0.1f, "0.1"},          {2.0f, "2.0"},           {-0.0f, "-0.0"},
      {0.0f, "0.0"},          {1e-4f, "1e-04"},        {9.9999e-05f, "9.9999e-05"},
      {1e-5f, "1e-05"},       {1.5e-5f, "1.5e-05"},    {123456789.0f, "123456790.0"},
      {1e15f, "1000000000000000.0"}, {1e16f, "1e+16"}, {3.4028235e38f, "3.4028235e+38"},
      {1e-45f, "1e-45"},      {1.17549435e-38f, "1.1754944e-38"}, {16777216.0f, "16777216.0"},
      {0.3f, "0.3"},          {1234.5f, "1234.5"},     {-1716473.25f, "-1716473.2"},
      {std::numeric_limits<float>::infinity(), "inf"},
      {-std::numeric_limits<float>::infinity(), "-inf"},
      {std::numeric_limits<float>::quiet_NaN(), "nan"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Format(c.value) == c.text);
  }
}

TEST_CASE("format_float chooses numpy's layout by the value, on both sides of each threshold", "[vector_files]") {
  // numpy writes |x| < 1e-4 and |x| >= 1e16 in scientific notation, judged on the float's
  // value, not on its shortest digits (1e-4f is 9.99999975e-05, so "1e-04").
  for (const double threshold : {1e-4, 1e16}) {
    float x = static_cast<float>(threshold);
    for (int i = 0; i < 2000; ++i) x = std::nextafter(x, 0.0f);
    for (int i = 0; i < 4000; ++i, x = std::nextafter(x, 1e30f)) {
      const std::string text = Format(x);
      INFO(text);
      const bool scientific = text.find('e') != std::string::npos;
      REQUIRE(scientific == (static_cast<double>(x) < 1e-4 || static_cast<double>(x) >= 1e16));
      if (!scientific) REQUIRE(text.find('.') != std::string::npos);
      REQUIRE(Bits(std::strtof(text.c_str(), nullptr)) == Bits(x));
      REQUIRE(Format(-x) == "-" + text);
    }
  }
}

TEST_CASE("format_float is shortest and reads back exactly for random floats", "[vector_files]") {
  uint64_t s = 12345;
  for (int it = 0; it < 30000; ++it) {
    const uint32_t bits = static_cast<uint32_t>(Next(&s));
    float x;
    std::memcpy(&x, &bits, 4);
    if (!std::isfinite(x)) continue;
    const std::string text = Format(x);
    INFO(text);
    float back;
    REQUIRE(Parse(text, &back));
    REQUIRE(Bits(back) == bits);
    REQUIRE(Bits(std::strtof(text.c_str(), nullptr)) == bits);
    // Significant digits: those before the exponent, without leading zeros and, for
    // positional output, without the ".0" and trailing zeros of the integer part.
    const size_t e = text.find('e');
    std::string mantissa = text.substr(0, e);
    if (e == std::string::npos && mantissa.size() > 2 &&
        mantissa.compare(mantissa.size() - 2, 2, ".0") == 0) {
      mantissa.resize(mantissa.size() - 2);
      while (mantissa.size() > 1 && mantissa.back() == '0') mantissa.pop_back();
    }
    int digits = 0;
    bool leading = true;
    for (char c : mantissa) {
      if (c < '0' || c > '9') continue;
      if (leading && c == '0') continue;
      leading = false;
      ++digits;
    }
    int shortest = 1;
    for (; shortest < 9; ++shortest) {
      char buf[48];
      std::snprintf(buf, sizeof(buf), "%.*e", shortest - 1, static_cast<double>(x));
      if (std::strtof(buf, nullptr) == x) break;
    }
    REQUIRE(digits == shortest);
  }
}

}  // namespace
}  // namespace embedwasm::vector_files
