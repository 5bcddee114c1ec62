// core/reserve: claiming batch-sized memory fails with a status, never an abort, and a
// failed claim leaves the vector as it was.
#include <catch2/catch.hpp>

#include <vector>

#include "embedwasm/core/reserve.h"

using namespace embedwasm;

TEST_CASE("reserve_or_fail grows capacity, and refuses sizes past the 4 GiB limit untouched", "[reserve]") {
  std::vector<float> v = {1, 2, 3};
  REQUIRE(reserve_or_fail(&v, 1000, "v").is_ok());
  CHECK(v.capacity() >= 1000);
  CHECK(v == std::vector<float>{1, 2, 3});

  // 2^30 floats are exactly 4 GiB: over the cap by the 64 KiB the wasm heap lacks.
  const Status s = reserve_or_fail(&v, uint64_t{1} << 30, "the activations");
  CHECK(s.code() == StatusCode::kResourceExhausted);
  CHECK(s.message() == "the activations: 1073741824 values of 4 bytes exceed the 4 GiB memory limit");
  CHECK(v == std::vector<float>{1, 2, 3});

  std::vector<double> w;
  CHECK(reserve_or_fail(&w, (kMaxHeapBytes / 8) + 1, "w").code() == StatusCode::kResourceExhausted);
  CHECK(w.capacity() == 0);
}

TEST_CASE("check_allocatable: 0 and small sizes are OK, over the cap is kResourceExhausted", "[reserve]") {
  CHECK(check_allocatable(0, "x").is_ok());
  CHECK(check_allocatable(1 << 20, "x").is_ok());
  const Status s = check_allocatable(kMaxHeapBytes + 1, "the layers' scratch memory");
  CHECK(s.code() == StatusCode::kResourceExhausted);
  CHECK(s.message() == "the layers' scratch memory needs 4294901761 bytes, over the 4 GiB memory limit");
}
