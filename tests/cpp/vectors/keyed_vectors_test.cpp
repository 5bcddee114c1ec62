// vectors/keyed_vectors: gensim 4 KeyedVectors queries.
//
// Reference numbers come from gensim 4.2.0 (Debian's python3-gensim) on the same vectors:
//   kv = KeyedVectors(3); kv.add_vectors(words, np.array(vectors, dtype=np.float32))
// with the call given above each expectation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "embedwasm/vectors/keyed_vectors.h"
#include "vectors/vectors_test_util.h"

using namespace embedwasm;
using namespace embedwasm::vectors;
using namespace embedwasm::vectors::test;

namespace {

SearchOptions Top(size_t topn, size_t restrict_vocab = 0) {
  SearchOptions o;
  o.topn = topn;
  o.restrict_vocab = restrict_vocab;
  return o;
}

QueryTerm W(const char* w) { return QueryTerm::of_word(w); }

// Brute force in double: cosine of every row in [0, rows) with the unit query q, best
// first (ties by lower row), excluded rows dropped.
std::vector<int32_t> BruteForce(const std::vector<float>& dense, size_t d, size_t rows, const std::vector<double>& q,
                                size_t topn, const std::vector<int32_t>& excluded) {
  std::vector<std::pair<double, int32_t>> scored;
  for (size_t r = 0; r < rows; ++r) {
    if (std::find(excluded.begin(), excluded.end(), static_cast<int32_t>(r)) != excluded.end()) continue;
    double dot = 0.0, nn = 0.0;
    for (size_t j = 0; j < d; ++j) {
      dot += dense[r * d + j] * q[j];
      nn += static_cast<double>(dense[r * d + j]) * dense[r * d + j];
    }
    scored.emplace_back(nn > 0 ? dot / std::sqrt(nn) : 0.0, static_cast<int32_t>(r));
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  std::vector<int32_t> out;
  for (size_t i = 0; i < std::min(topn, scored.size()); ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace

// ---------------------------------------------------------------- construction, lookup

TEST_CASE("KeyedVectors: create, lookup and vectors", "[vectors]") {
  const KeyedVectors kv = TinyKv();
  CHECK(kv.size() == 6);
  CHECK(kv.dim() == 3);
  CHECK(kv.has("queen"));
  CHECK_FALSE(kv.has("Queen"));
  int32_t i = -1;
  REQUIRE(kv.index_of("woman", &i).is_ok());
  CHECK(i == 3);
  CHECK(kv.word(4) == "apple");

  std::vector<float> v;
  REQUIRE(kv.get_vector("king", false, &v).is_ok());
  CHECK(v == std::vector<float>{0.9f, 0.8f, 0.1f});
  // kv.get_vector('king', norm=True) -> [0.7448453  0.6620847  0.08276059]
  REQUIRE(kv.get_vector("king", true, &v).is_ok());
  CHECK(v[0] == Approx(0.7448453).margin(1e-7));
  CHECK(v[1] == Approx(0.6620847).margin(1e-7));
  CHECK(v[2] == Approx(0.08276059).margin(1e-7));
  // kv.get_vector('woman', norm=True) -> [ 0.48953545 -0.8702853  -0.05439283]
  REQUIRE(kv.get_vector("woman", true, &v).is_ok());
  CHECK(v[0] == Approx(0.48953545).margin(1e-7));
  CHECK(v[1] == Approx(-0.8702853).margin(1e-7));
  CHECK(v[2] == Approx(-0.05439283).margin(1e-7));

  RowMatrix unit;
  REQUIRE(kv.unit_vectors(&unit).is_ok());
  CHECK(unit.row(3)[1] == v[1]);
}

TEST_CASE("KeyedVectors: create rejects bad input without throwing", "[vectors]") {
  KeyedVectors kv;
  const std::vector<float> dense(9, 1.0f);
  Status s = KeyedVectors::create({"a", "b", "a"}, dense.data(), 3, &kv);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("duplicate word 'a'") != std::string::npos);
  s = KeyedVectors::create({"a", "b"}, dense.data(), 3, &kv);  // dense has 3 rows of 3: only 2 read
  CHECK(s.is_ok());
  RowMatrix m;
  REQUIRE(RowMatrix::create(3, 2, &m).is_ok());
  s = KeyedVectors::create({"a", "b"}, std::move(m), &kv);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  s = KeyedVectors::create({"a"}, dense.data(), 0, &kv);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  // An empty vocabulary is valid and answers vector queries with nothing.
  REQUIRE(KeyedVectors::create({}, nullptr, 4, &kv).is_ok());
  std::vector<Neighbor> out;
  const float q[4] = {1, 0, 0, 0};
  REQUIRE(kv.similar_by_vector(q, 4, Top(3), &out).is_ok());
  CHECK(out.empty());
}

TEST_CASE("KeyedVectors: unknown words, wrong lengths and bad ids are errors", "[vectors]") {
  const KeyedVectors kv = TinyKv();
  std::vector<Neighbor> out;
  Status s = kv.most_similar({W("king"), W("xyz")}, {}, Top(3), &out);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == "word 'xyz' not in vocabulary");
  std::vector<float> v;
  CHECK(kv.get_vector("xyz", false, &v).message() == "word 'xyz' not in vocabulary");
  float f;
  CHECK(kv.similarity("king", "xyz", &f).code() == StatusCode::kInvalidArgument);
  CHECK(kv.similarity_by_index(0, 6, &f).code() == StatusCode::kOutOfRange);
  CHECK(kv.most_similar({QueryTerm::of_index(-1)}, {}, Top(3), &out).code() == StatusCode::kOutOfRange);
  CHECK(kv.most_similar({QueryTerm::of_vector({1.0f, 2.0f})}, {}, Top(3), &out).message() ==
        "vector has 2 elements, expected 3");
  CHECK(kv.most_similar({}, {}, Top(3), &out).message() == "cannot compute similarity with no input");
  CHECK(kv.most_similar_cosmul({}, {W("king")}, Top(3), &out).code() == StatusCode::kInvalidArgument);
  CHECK(kv.n_similarity({}, {"king"}, &f).code() == StatusCode::kInvalidArgument);
  CHECK(kv.n_similarity({"king"}, {"queen", "xyz"}, &f).code() == StatusCode::kInvalidArgument);
  std::string w;
  CHECK(kv.doesnt_match({"xyz", "abc"}, &w).message() == "cannot select a word from an empty list");
  std::vector<float> dist;
  CHECK(kv.distances("king", {"queen", "xyz"}, &dist).code() == StatusCode::kInvalidArgument);
  int64_t rank;
  CHECK(kv.rank("king", "xyz", &rank).code() == StatusCode::kInvalidArgument);
  std::vector<std::vector<Neighbor>> batch;
  s = kv.most_similar_batch({{{W("king")}, {}}, {{W("nope")}, {}}}, Top(3), &batch);
  CHECK(s.message() == "query 1: word 'nope' not in vocabulary");
}

// ---------------------------------------------------------------- most_similar

TEST_CASE("KeyedVectors::most_similar matches gensim", "[vectors]") {
  const KeyedVectors kv = TinyKv();
  std::vector<Neighbor> out;

  // kv.most_similar(positive=['king','woman'], negative=['man'], topn=3)
  REQUIRE(kv.most_similar({W("king"), W("woman")}, {W("man")}, Top(3), &out).is_ok());
  CheckNeighbors(kv, out,
                 {{"queen", 0.9625170826911926}, {"orange", -0.10461843013763428}, {"apple", -0.27425146102905273}});

  // kv.most_similar('apple', topn=5)
  REQUIRE(kv.similar_by_word("apple", Top(5), &out).is_ok());
  CheckNeighbors(kv, out,
                 {{"orange", 0.9850198030471802},
                  {"man", -0.30801424384117126},
                  {"king", -0.31336531043052673},
                  {"queen", -0.340717077255249},
                  {"woman", -0.35665109753608704}});

  // kv.most_similar(positive=[('king',2.0),'apple'], negative=[('man',-0.5)], topn=10)
  REQUIRE(
      kv.most_similar({QueryTerm::of_word("king", 2.0f), W("apple")}, {QueryTerm::of_word("man", -0.5f)}, Top(10), &out)
          .is_ok());
  CheckNeighbors(kv, out,
                 {{"orange", 0.32736441493034363}, {"queen", 0.0528191477060318}, {"woman", -0.3394479751586914}});

  // kv.most_similar(positive=[np.array([1,0,0])], topn=6): a vector excludes nothing
  REQUIRE(kv.most_similar({QueryTerm::of_vector({1.0f, 0.0f, 0.0f})}, {}, Top(6), &out).is_ok());
  CheckNeighbors(kv, out,
                 {{"queen", 0.7648661136627197},
                  {"king", 0.7448452711105347},
                  {"woman", 0.48953545093536377},
                  {"man", 0.48336827754974365},
                  {"orange", -0.46373894810676575},
                  {"apple", -0.5541085600852966}});

  // kv.most_similar(positive=['king', np.array([0,0,2])], topn=10): the vector is not normalised
  REQUIRE(kv.most_similar({W("king"), QueryTerm::of_vector({0.0f, 0.0f, 2.0f})}, {}, Top(10), &out).is_ok());
  CheckNeighbors(kv, out,
                 {{"orange", 0.6186084151268005},
                  {"apple", 0.5842424631118774},
                  {"man", 0.3182208836078644},
                  {"queen", 0.18787698447704315},
                  {"woman", -0.14069943130016327}});

  // kv.most_similar('king', topn=10, restrict_vocab=4)
  REQUIRE(kv.similar_by_word("king", Top(10, 4), &out).is_ok());
  CheckNeighbors(kv, out,
                 {{"man", 0.9280891418457031}, {"queen", 0.16383729875087738}, {"woman", -0.21607600152492523}});

  // kv.most_similar(positive=[2], negative=['apple'], topn=2): an int key is a row id
  REQUIRE(kv.most_similar({QueryTerm::of_index(2)}, {W("apple")}, Top(2), &out).is_ok());
  CheckNeighbors(kv, out, {{"king", 0.7675551176071167}, {"queen", 0.09233061969280243}});

  // kv.most_similar('king', topn=0) -> [] (even for unknown words, as gensim returns first)
  REQUIRE(kv.similar_by_word("king", Top(0), &out).is_ok());
  CHECK(out.empty());
  REQUIRE(kv.similar_by_word("xyz", Top(0), &out).is_ok());
  CHECK(out.empty());

  // restrict_vocab beyond V is V.
  REQUIRE(kv.similar_by_word("apple", Top(5, 1000), &out).is_ok());
  CHECK(out.size() == 5);
}

TEST_CASE("KeyedVectors::similar_by_vector matches gensim", "[vectors]") {
  const KeyedVectors kv = TinyKv();
  // kv.similar_by_vector(np.array([0.1,0.2,0.3]), topn=6)
  const float q[3] = {0.1f, 0.2f, 0.3f};
  std::vector<Neighbor> out;
  REQUIRE(kv.similar_by_vector(q, 3, Top(6), &out).is_ok());
  CheckNeighbors(kv, out,
                 {{"king", 0.6193234920501709},
                  {"apple", 0.5430030822753906},
                  {"orange", 0.532939612865448},
                  {"man", 0.5167424082756042},
                  {"queen", -0.024049270898103714},
                  {"woman", -0.3779645264148712}});
  CHECK(kv.similar_by_vector(q, 2, Top(6), &out).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("KeyedVectors::most_similar_cosmul matches gensim", "[vectors]") {
  const KeyedVectors kv = TinyKv();
  std::vector<Neighbor> out;
  // kv.most_similar_cosmul(positive=['king','woman'], negative=['man'], topn=5)
  REQUIRE(kv.most_similar_cosmul({W("king"), W("woman")}, {W("man")}, Top(5), &out).is_ok());
  CheckNeighbors(kv, out,
                 {{"queen", 1.3783107995986938}, {"orange", 0.43996182084083557}, {"apple", 0.3191860020160675}});
  // kv.most_similar_cosmul(positive=['apple'], topn=10)
  REQUIRE(kv.most_similar_cosmul({W("apple")}, {}, Top(10), &out).is_ok());
  CheckNeighbors(kv, out,
                 {{"orange", 0.9925090074539185},
                  {"man", 0.3459925353527069},
                  {"king", 0.3433170020580292},
                  {"queen", 0.3296411335468292},
                  {"woman", 0.321674108505249}});
  // kv.most_similar_cosmul(positive=['king', np.array([0.6,0,0.8])], negative=['orange'], topn=10)
  REQUIRE(kv.most_similar_cosmul({W("king"), QueryTerm::of_vector({0.6f, 0.0f, 0.8f})}, {W("orange")}, Top(10), &out)
              .is_ok());
  CheckNeighbors(kv, out,
                 {{"man", 1.9166200160980225},
                  {"queen", 1.108376145362854},
                  {"woman", 0.6081507205963135},
                  {"apple", 0.23045504093170166}});
  // Unlike gensim 4.2, restrict_vocab applies: only rows 0..3 remain.
  REQUIRE(kv.most_similar_cosmul({W("king"), W("woman")}, {W("man")}, Top(5, 4), &out).is_ok());
  CheckNeighbors(kv, out, {{"queen", 1.3783107995986938}});
}

// ---------------------------------------------------------------- pairwise

TEST_CASE("KeyedVectors pairwise queries match gensim", "[vectors]") {
  const KeyedVectors kv = TinyKv();
  float f = 0.0f;
  REQUIRE(kv.similarity("king", "queen", &f).is_ok());  // kv.similarity('king','queen')
  CHECK(f == Approx(0.16383733).margin(1e-7));
  REQUIRE(kv.similarity("apple", "orange", &f).is_ok());
  CHECK(f == Approx(0.9850197).margin(1e-7));
  REQUIRE(kv.n_similarity({"king", "man"}, {"queen", "woman"}, &f).is_ok());
  CHECK(f == Approx(-0.16678369).margin(1e-7));
  REQUIRE(kv.n_similarity({"king", "apple", "apple"}, {"orange"}, &f).is_ok());
  CHECK(f == Approx(0.8145056).margin(1e-7));

  std::string odd;
  REQUIRE(kv.doesnt_match({"king", "queen", "man", "apple"}, &odd).is_ok());
  CHECK(odd == "apple");
  std::vector<std::string> ignored;
  REQUIRE(kv.doesnt_match({"king", "man", "woman", "orange", "unknownword"}, &odd, &ignored).is_ok());
  CHECK(odd == "woman");
  CHECK(ignored == std::vector<std::string>{"unknownword"});

  // kv.rank_by_centrality(['king','queen','man','apple'])
  std::vector<std::pair<float, std::string>> ranked;
  REQUIRE(kv.rank_by_centrality({"king", "queen", "man", "apple"}, &ranked).is_ok());
  const std::vector<std::pair<double, std::string>> want = {
      {0.90328866, "king"}, {0.7255999, "man"}, {0.3208455, "queen"}, {0.019250184, "apple"}};
  REQUIRE(ranked.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    CHECK(ranked[i].second == want[i].second);
    CHECK(ranked[i].first == Approx(want[i].first).margin(kGensimTolerance));
  }

  std::vector<float> dist;
  REQUIRE(kv.distances("king", {"queen", "apple"}, &dist).is_ok());  // [0.83616275 1.3133655 ]
  REQUIRE(dist.size() == 2);
  CHECK(dist[0] == Approx(0.83616275).margin(kGensimTolerance));
  CHECK(dist[1] == Approx(1.3133655).margin(kGensimTolerance));
  // kv.distances('king'): every row (gensim's own distance to itself is 5.96e-08)
  const std::vector<double> all = {5.9604645e-08, 8.3616275e-01, 7.1910918e-02,
                                   1.2160760e+00, 1.3133655e+00, 1.3339000e+00};
  std::vector<float> got_one;
  REQUIRE(kv.distances("king", {}, &dist).is_ok());
  REQUIRE(dist.size() == 6);
  for (size_t i = 0; i < 6; ++i) {
    CHECK(dist[i] == Approx(all[i]).margin(kGensimTolerance));
    // A listed word and the full scan use the same kernel: the same bits.
    REQUIRE(kv.distances("king", {kv.word(i)}, &got_one).is_ok());
    CHECK(got_one[0] == dist[i]);
  }
  // kv.distances(np.array([0.0,1.0,0.0]))
  const float up[3] = {0.0f, 1.0f, 0.0f};
  const std::vector<double> from_up = {0.3379153, 1.6298897, 0.12993711, 1.8702853, 0.9538243, 1.0927478};
  REQUIRE(kv.distances_from_vector(up, 3, {}, &dist).is_ok());
  for (size_t i = 0; i < 6; ++i) CHECK(dist[i] == Approx(from_up[i]).margin(kGensimTolerance));

  int64_t rank = 0;
  REQUIRE(kv.rank("king", "queen", &rank).is_ok());  // 2
  CHECK(rank == 2);
  REQUIRE(kv.rank("king", "orange", &rank).is_ok());  // 5
  CHECK(rank == 5);
  REQUIRE(kv.rank("king", "man", &rank).is_ok());  // 1
  CHECK(rank == 1);
  std::vector<int32_t> closer;
  REQUIRE(kv.closer_than("king", "woman", &closer).is_ok());  // ['queen', 'man']
  CHECK(closer == std::vector<int32_t>{1, 2});
}

// ---------------------------------------------------------------- zero vectors, ties, refresh

TEST_CASE("KeyedVectors: a zero vector normalises to zeros and scores 0, never NaN", "[vectors]") {
  const KeyedVectors kv = MakeKv({"a", "zero", "b"}, {1, 0, 0, 0, 0, 0, 0, 1, 0}, 3);
  CHECK(kv.norms()[1] == 0.0f);
  std::vector<float> v;
  REQUIRE(kv.get_vector("zero", true, &v).is_ok());
  CHECK(v == std::vector<float>{0.0f, 0.0f, 0.0f});
  std::vector<Neighbor> out;
  REQUIRE(kv.similar_by_word("a", Top(5), &out).is_ok());
  REQUIRE(out.size() == 2);
  CHECK(out[0].index == 1);  // 0 and 0: the tie goes to the lower row
  CHECK(out[0].score == 0.0f);
  CHECK(out[1].index == 2);
  CHECK(out[1].score == 0.0f);
  // The zero vector as the query: its unit vector is zero, so everything scores 0.
  REQUIRE(kv.similar_by_word("zero", Top(5), &out).is_ok());
  REQUIRE(out.size() == 2);
  CHECK((out[0].index == 0 && out[1].index == 2));
  REQUIRE(kv.most_similar_cosmul({W("zero")}, {}, Top(5), &out).is_ok());
  for (const Neighbor& n : out) CHECK(n.score == Approx(0.5 / (1 + 1e-6)));
  float f = -1.0f;
  REQUIRE(kv.similarity("a", "zero", &f).is_ok());
  CHECK(f == 0.0f);
  std::vector<float> dist;
  REQUIRE(kv.distances("zero", {}, &dist).is_ok());
  CHECK(dist == std::vector<float>{1.0f, 1.0f, 1.0f});
  std::string odd;
  REQUIRE(kv.doesnt_match({"a", "zero", "b"}, &odd).is_ok());
  CHECK(odd == "zero");  // cosine 0 with the mean of a and b
}

TEST_CASE("KeyedVectors: equal scores rank by lower row", "[vectors]") {
  // Rows 1, 3 and 4 are the same vector: three equal scores.
  const KeyedVectors kv =
      MakeKv({"q", "d1", "x", "d2", "d3"}, {1, 0, 0.5f, 0.5f, 0.5f, 0, 0, 1, 0, 0.5f, 0.5f, 0, 0.5f, 0.5f, 0}, 3);
  std::vector<Neighbor> out;
  REQUIRE(kv.similar_by_word("q", Top(2), &out).is_ok());
  REQUIRE(out.size() == 2);
  CHECK(out[0].index == 1);
  CHECK(out[1].index == 3);
  CHECK(out[0].score == out[1].score);
}

TEST_CASE("KeyedVectors: norms follow the version counter", "[vectors]") {
  KeyedVectors kv = MakeKv({"a", "b", "c"}, {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3);
  CHECK_FALSE(kv.norms_fresh());  // nothing computed yet
  CHECK(kv.norms()[0] == 1.0f);   // computed on demand
  CHECK(kv.norms_fresh());
  const uint64_t v0 = kv.version();

  // A writer scales row 0 by 3 and moves row 2 next to row 1.
  RowMatrix* m = kv.mutable_vectors();
  CHECK(kv.version() > v0);
  CHECK_FALSE(kv.norms_fresh());
  m->row(0)[0] = 3.0f;
  m->row(2)[1] = 2.0f;
  kv.refresh_norms();  // what a trainer does after a chunk
  CHECK(kv.norms_fresh());
  CHECK(kv.norms()[0] == 3.0f);

  // Writes after the refresh need mark_dirty(); a query then refreshes by itself.
  m->row(1)[0] = 1.0f;
  kv.mark_dirty();
  std::vector<Neighbor> out;
  REQUIRE(kv.similar_by_word("c", Top(1), &out).is_ok());
  CHECK(kv.norms_fresh());
  CHECK(kv.norms()[1] == Approx(std::sqrt(2.0f)));
  REQUIRE(out.size() == 1);
  CHECK(out[0].index == 1);
  CHECK(out[0].score == Approx(2.0 / std::sqrt(5.0) / std::sqrt(2.0)));
}

// ---------------------------------------------------------------- larger random vocabularies

TEST_CASE("KeyedVectors::most_similar agrees with a brute-force double search across tiles", "[vectors]") {
  const size_t v = 1000, d = 37;  // 15.6 tiles of 64 rows; D with a 4-float tail
  const std::vector<float> dense = ClusteredVectors(v, d, 20, 0.7f, 11);
  const KeyedVectors kv = MakeKv(NumberedWords(v), dense, d);
  for (size_t restrict_vocab : {size_t{0}, size_t{130}, size_t{64}, size_t{1}}) {
    for (int32_t w : {0, 5, 129, 500, 999}) {
      INFO("restrict=" << restrict_vocab << " word=" << w);
      std::vector<Neighbor> out;
      REQUIRE(kv.most_similar({QueryTerm::of_index(w)}, {}, Top(10, restrict_vocab), &out).is_ok());
      std::vector<double> q(dense.begin() + w * d, dense.begin() + (w + 1) * d);
      double n = 0.0;
      for (double x : q) n += x * x;
      for (double& x : q) x /= std::sqrt(n);
      const size_t rows = restrict_vocab == 0 ? v : restrict_vocab;
      const std::vector<int32_t> want = BruteForce(dense, d, rows, q, 10, {w});
      REQUIRE(out.size() == want.size());
      for (size_t i = 0; i < want.size(); ++i) CHECK(out[i].index == want[i]);
      for (size_t i = 1; i < out.size(); ++i) CHECK(out[i - 1].score >= out[i].score);
    }
  }
}

TEST_CASE("KeyedVectors batches score exactly like single queries", "[vectors]") {
  const size_t v = 700, d = 50, b = 75;  // more queries than one group of 32
  const std::vector<float> dense = ClusteredVectors(v, d, 10, 1.0f, 12);
  const KeyedVectors kv = MakeKv(NumberedWords(v), dense, d);
  std::vector<SimilarityQuery> queries(b);
  for (size_t i = 0; i < b; ++i) {
    queries[i].positive = {QueryTerm::of_index(static_cast<int32_t>(i * 9 % v)),
                           QueryTerm::of_word("w" + std::to_string(i * 5 % v))};
    if (i % 3 == 0) queries[i].negative = {QueryTerm::of_index(static_cast<int32_t>(i))};
  }
  std::vector<std::vector<Neighbor>> batch;
  REQUIRE(kv.most_similar_batch(queries, Top(7, 650), &batch).is_ok());
  REQUIRE(batch.size() == b);
  for (size_t i = 0; i < b; ++i) {
    std::vector<Neighbor> single;
    REQUIRE(kv.most_similar(queries[i].positive, queries[i].negative, Top(7, 650), &single).is_ok());
    REQUIRE(single.size() == batch[i].size());
    for (size_t j = 0; j < single.size(); ++j) {
      CHECK(single[j].index == batch[i][j].index);
      CHECK(single[j].score == batch[i][j].score);  // bit for bit: one summation order
    }
  }
  std::vector<float> vecs(dense.begin(), dense.begin() + 40 * d);
  REQUIRE(kv.similar_by_vectors(vecs.data(), 40, d, Top(5), &batch).is_ok());
  for (size_t i = 0; i < 40; ++i) {
    std::vector<Neighbor> single;
    REQUIRE(kv.similar_by_vector(vecs.data() + i * d, d, Top(5), &single).is_ok());
    REQUIRE(single.size() == 5);
    CHECK(single[0].index == static_cast<int32_t>(i));  // a vector excludes nothing: itself first
    for (size_t j = 0; j < 5; ++j) {
      CHECK(single[j].index == batch[i][j].index);
      CHECK(single[j].score == batch[i][j].score);
    }
  }
  REQUIRE(kv.most_similar_batch({}, Top(5), &batch).is_ok());
  CHECK(batch.empty());
}
