#include "embedwasm/text/farmhash_fingerprint64.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using embedwasm::text::farmhash_fingerprint64;

namespace {

// FarmHash's self-test (farmhash.cc, farmhashnaTest) hashes slices of a 1 MiB buffer
// filled by this generator: test i < 299 hashes `i` bytes at offset i*i, then lengths
// grow by i/7 from 299 up to the whole buffer, which is hashed last.
constexpr size_t kDataSize = size_t{1} << 20;
constexpr uint64_t kK0 = 0xc3a5c85c97cb3127ULL;

const std::string& self_test_data() {
  static const std::string data = [] {
    std::string d(kDataSize, '\0');
    uint64_t a = 9;
    uint64_t b = 777;
    for (size_t i = 0; i < kDataSize; ++i) {
      a += b;
      b += a;
      a = (a ^ (a >> 41)) * kK0;
      b = (b ^ (b >> 41)) * kK0 + i;
      d[i] = static_cast<char>(static_cast<uint8_t>(b >> 37));
    }
    return d;
  }();
  return data;
}

// (offset, length) of every self-test case, in the table's order.
std::vector<std::pair<size_t, size_t>> self_test_cases() {
  std::vector<std::pair<size_t, size_t>> cases;
  size_t i = 0;
  for (; i < 299; ++i) cases.emplace_back(i * i, i);
  for (; i < kDataSize; i += i / 7) cases.emplace_back(0, i);
  cases.emplace_back(0, kDataSize);
  return cases;
}

uint64_t join(uint32_t hi, uint32_t lo) { return uint64_t{hi} << 32 | lo; }

}  // namespace

// The table prints each 64-bit hash as its high and low 32-bit halves; these are the
// farmhashna::Hash64 rows (every third row of that table) for the first 100 cases,
// lengths 0..99 at offsets 0, 1, 4, ..., 9801: every branch (0, 1-3, 4-7, 8-16, 17-32,
// 33-64 bytes and the 64-byte loop once and twice).
TEST_CASE("farmhash_fingerprint64 matches FarmHash's self-test table, lengths 0..99") {
  static const uint32_t kExpected[100][2] = {
      {2598464059u, 797982799u},   {1410420968u, 2134990486u}, {255297188u, 2992121793u},
      {4019337850u, 452431531u},   {299850021u, 2532580744u},  {2199864459u, 3696623795u},
      {1053458494u, 1882212500u},  {458884671u, 3033004529u},  {2700149065u, 2699376854u},
      {4220361840u, 1712034059u},  {594028478u, 2921867846u},  {3280331829u, 326029180u},
      {3824583307u, 1612122221u},  {2233466664u, 1432476832u}, {1628777059u, 1499109081u},
      {1145519619u, 3190844552u},  {65721842u, 489963606u},    {1790705123u, 2128624475u},
      {155445229u, 1672724608u},   {3610042449u, 1911523866u}, {1099072299u, 1389770549u},
      {3603803785u, 629449419u},   {1552847036u, 645684964u},  {3151491850u, 3272648435u},
      {916494250u, 1230085527u},   {231181488u, 851743255u},   {1142264800u, 3667013118u},
      {732137533u, 1909203251u},   {4072067757u, 4165088768u}, {956300927u, 914413116u},
      {3074915312u, 3117299654u},  {1438494951u, 507436733u},  {126024219u, 146044391u},
      {165589978u, 1578546616u},   {249776086u, 1207522198u},  {46987739u, 1157614300u},
      {3614377032u, 586863115u},   {1164298657u, 4140791139u}, {3725511003u, 232064808u},
      {512845449u, 3748861010u},   {22638523u, 648000590u},    {1024246061u, 4027776454u},
      {411505255u, 1973395102u},   {3474970689u, 1029055034u}, {589567754u, 325737734u},
      {257578986u, 3698087965u},   {2305332220u, 191910725u},  {3315355162u, 2135941665u},
      {23075771u, 3252374102u},    {663013031u, 3444053918u},  {2115441882u, 4081398201u},
      {1379288194u, 4225182569u},  {3667516477u, 1709989541u}, {2725013602u, 3639843023u},
      {2470483982u, 877580602u},   {3981838403u, 3762572073u}, {1129162571u, 732225574u},
      {3232041815u, 1652884780u},  {2227121257u, 1426140634u}, {1386256573u, 24035717u},
      {1598686658u, 3146815575u},  {739944537u, 579625482u},   {3903349120u, 389846205u},
      {2834153464u, 1481069623u},  {3740748788u, 3388062747u}, {1020177209u, 734239551u},
      {2610427744u, 49703572u},    {1416453607u, 2815915291u}, {937074653u, 3035635454u},
      {3711259084u, 2627383582u},  {3669691805u, 263366740u},  {3565059103u, 1190977418u},
      {2747519432u, 4129538640u},  {2271095827u, 2993032712u}, {795918276u, 1116991810u},
      {937372240u, 1343017609u},   {1166522068u, 1623631848u}, {2721658101u, 1937681565u},
      {114616703u, 954762543u},    {1756889687u, 2936126607u}, {2483004780u, 1927385370u},
      {1672737098u, 2148675559u},  {2636210123u, 1338083267u}, {1335160250u, 2084630531u},
      {2746885618u, 636616055u},   {2076016059u, 408721884u},  {2301682622u, 2691859523u},
      {2614088922u, 1975527044u},  {3529473373u, 1490330107u}, {4271796078u, 1910401882u},
      {3738454258u, 2554452696u},  {2237827073u, 2803250686u}, {1996680960u, 839529273u},
      {3544595875u, 3909443124u},  {3656063205u, 837475154u},  {438095290u, 484603494u},
      {308425103u, 268427550u},    {4243643405u, 2849988118u}, {2948254999u, 2102063419u},
      {1735616066u, 1539151988u},
  };
  const std::string& data = self_test_data();
  const auto cases = self_test_cases();
  for (size_t t = 0; t < 100; ++t) {
    const auto [offset, length] = cases[t];
    INFO("case " << t << ": offset " << offset << ", length " << length);
    CHECK(farmhash_fingerprint64(std::string_view(data).substr(offset, length)) ==
          join(kExpected[t][0], kExpected[t][1]));
  }
}

// The last six rows of the table: lengths from ~200 KiB to the whole 1 MiB buffer.
TEST_CASE("farmhash_fingerprint64 matches FarmHash's self-test table on the longest inputs") {
  static const uint32_t kExpectedLast[6][2] = {
      {379861934u, 1557579480u},  {547346027u, 388559045u},   {1495176194u, 4093461535u},
      {1911655402u, 1053371241u}, {3717104621u, 1144474110u}, {4166253320u, 2747410691u},
  };
  const std::string& data = self_test_data();
  const auto cases = self_test_cases();
  REQUIRE(cases.size() > 300);
  for (size_t k = 0; k < 6; ++k) {
    const auto [offset, length] = cases[cases.size() - 6 + k];
    INFO("length " << length);
    CHECK(farmhash_fingerprint64(std::string_view(data).substr(offset, length)) ==
          join(kExpectedLast[k][0], kExpectedLast[k][1]));
  }
}

TEST_CASE("farmhash_fingerprint64 reads only the bytes it is given") {
  // The same 5 bytes inside different surroundings hash alike.
  const std::string a = "xxhelloyy";
  const std::string b = "__hello__";
  CHECK(farmhash_fingerprint64(std::string_view(a).substr(2, 5)) ==
        farmhash_fingerprint64(std::string_view(b).substr(2, 5)));
  CHECK(farmhash_fingerprint64(std::string_view()) == 0x9ae16a3b2f90404fULL);
}
