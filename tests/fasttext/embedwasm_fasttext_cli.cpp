// Our fastText inference behind the fastText command line's interface, so that
// compare_with_cli.sh can run the same commands through both and compare the numbers.
// Numbers are printed with 9 significant digits (fastText prints 6, or 5 for vectors).
//
//   embedwasm_fasttext_cli predict-prob MODEL FILE [k] [threshold]
//   embedwasm_fasttext_cli print-word-vectors MODEL          < words
//   embedwasm_fasttext_cli print-sentence-vectors MODEL      < lines
//   embedwasm_fasttext_cli nn MODEL k                        < words
//   embedwasm_fasttext_cli analogies MODEL k                 < "a b c" triples
//   embedwasm_fasttext_cli test MODEL FILE [k] [threshold]
//   embedwasm_fasttext_cli bench MODEL FILE [k] [rounds]     timings as JSON
//   embedwasm_fasttext_cli supervised|skipgram|cbow -input FILE -output PREFIX [options]
//       trains as the fastText command does (its option names: -lr -dim -ws -epoch
//       -minCount -minCountLabel -neg -wordNgrams -loss -bucket -minn -maxn
//       -lrUpdateRate -t -label -thread -seed -pretrainedVectors) and writes PREFIX.bin;
//       with -quantize also PREFIX.ftz (-cutoff -retrain -qnorm -qout -dsub, and -qepoch
//       -qlr for retraining). Prints the training speed as JSON.
//
// FILE "-" is standard input.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "embedwasm/fasttext/fasttext_model.h"
#include "embedwasm/fasttext/fasttext_trainer.h"
#include "embedwasm/fasttext/model_file_reader.h"
#include "embedwasm/fasttext/model_file_writer.h"
#include "embedwasm/fasttext/quantization.h"

namespace {

using embedwasm::Status;
using namespace embedwasm::fasttext;

std::string read_all(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::exit(2);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void check(const Status& s) {
  if (!s.is_ok()) {
    std::fprintf(stderr, "error: %s\n", s.message().c_str());
    std::exit(1);
  }
}

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::unique_ptr<FastTextModel> load(const std::string& path, double* ms = nullptr) {
  const std::string bytes = read_all(path);
  const double t0 = now_ms();
  std::unique_ptr<FastTextModel> model;
  check(FastTextModel::load(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), {}, &model));
  if (ms != nullptr) *ms = now_ms() - t0;
  return model;
}

void print_vector(const float* v, int d) {
  for (int j = 0; j < d; ++j) std::printf(" %.9g", v[j]);
  std::printf("\n");
}

int predict_prob(int argc, char** argv) {
  auto model = load(argv[2]);
  PredictOptions o;
  if (argc > 4) o.k = std::atoi(argv[4]);
  if (argc > 5) o.threshold = std::strtof(argv[5], nullptr);
  Predictions p;
  check(model->predict(read_all(argv[3]), o, &p));
  for (size_t line = 0; line + 1 < p.offsets.size(); ++line) {
    for (int32_t i = p.offsets[line]; i < p.offsets[line + 1]; ++i) {
      std::printf("%s%s %.9g", i == p.offsets[line] ? "" : " ", model->label(p.labels[i]).c_str(), p.probabilities[i]);
    }
    std::printf("\n");
  }
  return 0;
}

int print_word_vectors(char** argv) {
  auto model = load(argv[2]);
  std::vector<float> v(static_cast<size_t>(model->dim()));
  std::string word;
  while (std::cin >> word) {
    check(model->word_vector(word, v.data()));
    std::printf("%s", word.c_str());
    print_vector(v.data(), model->dim());
  }
  return 0;
}

int print_sentence_vectors(char** argv) {
  auto model = load(argv[2]);
  const std::string text = read_all("-");
  std::vector<float> v(FastTextModel::line_count(text) * static_cast<size_t>(model->dim()));
  size_t lines = 0;
  check(model->sentence_vectors(text, v.data(), &lines));
  for (size_t i = 0; i < lines; ++i) {
    std::printf("%s", "");
    print_vector(v.data() + i * static_cast<size_t>(model->dim()), model->dim());
  }
  return 0;
}

void print_neighbors(const FastTextModel& model, const std::vector<Neighbor>& n) {
  for (const Neighbor& x : n) std::printf("%s %.9g\n", model.word(x.word).c_str(), x.similarity);
}

int nn(char** argv) {
  auto model = load(argv[2]);
  const int k = std::atoi(argv[3]);
  std::string word;
  std::vector<Neighbor> n;
  while (std::cin >> word) {
    check(model->nearest_neighbors(word, k, &n));
    print_neighbors(*model, n);
  }
  return 0;
}

int analogies(char** argv) {
  auto model = load(argv[2]);
  const int k = std::atoi(argv[3]);
  std::string a, b, c;
  std::vector<Neighbor> n;
  while (std::cin >> a >> b >> c) {
    check(model->analogies(a, b, c, k, &n));
    print_neighbors(*model, n);
  }
  return 0;
}

int test(int argc, char** argv) {
  auto model = load(argv[2]);
  PredictOptions o;
  if (argc > 4) o.k = std::atoi(argv[4]);
  if (argc > 5) o.threshold = std::strtof(argv[5], nullptr);
  TestResult r;
  check(model->test(read_all(argv[3]), o, &r));
  std::printf("N\t%lld\nP@%d\t%.9g\nR@%d\t%.9g\n", static_cast<long long>(r.examples), o.k, r.precision(), o.k,
              r.recall());
  return 0;
}

// Load time (median of rounds) and predict time per line over FILE, one line per call
// as an interactive user would call it, after a warm-up round.
int bench(int argc, char** argv) {
  const std::string bytes = read_all(argv[2]);
  const std::string text = read_all(argv[3]);
  PredictOptions o;
  if (argc > 4) o.k = std::atoi(argv[4]);
  const int rounds = argc > 5 ? std::atoi(argv[5]) : 5;
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
  }
  std::vector<double> loads, per_line;
  std::unique_ptr<FastTextModel> model;
  Predictions p;
  for (int r = 0; r <= rounds; ++r) {
    const double t0 = now_ms();
    check(FastTextModel::load(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), {}, &model));
    const double t1 = now_ms();
    for (const std::string& line : lines) check(model->predict(line, o, &p));
    const double t2 = now_ms();
    if (r > 0) {
      loads.push_back(t1 - t0);
      per_line.push_back((t2 - t1) * 1000.0 / static_cast<double>(lines.size()));
    }
  }
  std::sort(loads.begin(), loads.end());
  std::sort(per_line.begin(), per_line.end());
  std::printf("{\"lines\": %zu, \"k\": %d, \"load_ms\": %.3f, \"predict_us_per_line\": %.3f}\n", lines.size(), o.k,
              loads[loads.size() / 2], per_line[per_line.size() / 2]);
  return 0;
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(2);
  }
}

int train(int argc, char** argv) {
  const std::string cmd = argv[1];
  Args a = args_for(cmd == "supervised" ? ModelKind::kSupervised : cmd == "cbow" ? ModelKind::kCbow : ModelKind::kSkipgram);
  a.thread = 1;
  QuantizeOptions q;
  bool quantize = false;
  std::string input, output, pretrained;
  for (int i = 2; i < argc; ++i) {
    const std::string k = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", k.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (k == "-quantize") quantize = true;
    else if (k == "-retrain") q.retrain = true;
    else if (k == "-qnorm") q.qnorm = true;
    else if (k == "-qout") q.qout = true;
    else if (k == "-input") input = next();
    else if (k == "-output") output = next();
    else if (k == "-pretrainedVectors") pretrained = read_all(next());
    else if (k == "-lr") a.lr = std::stod(next());
    else if (k == "-dim") a.dim = std::stoi(next());
    else if (k == "-ws") a.ws = std::stoi(next());
    else if (k == "-epoch") a.epoch = std::stoi(next());
    else if (k == "-minCount") a.min_count = std::stoi(next());
    else if (k == "-minCountLabel") a.min_count_label = std::stoi(next());
    else if (k == "-neg") a.neg = std::stoi(next());
    else if (k == "-wordNgrams") a.word_ngrams = std::stoi(next());
    else if (k == "-bucket") a.bucket = std::stoi(next());
    else if (k == "-minn") a.minn = std::stoi(next());
    else if (k == "-maxn") a.maxn = std::stoi(next());
    else if (k == "-lrUpdateRate") a.lr_update_rate = std::stoi(next());
    else if (k == "-t") a.t = std::stod(next());
    else if (k == "-label") a.label = next();
    else if (k == "-thread") a.thread = q.thread = std::stoi(next());
    else if (k == "-seed") a.seed = std::stoi(next());
    else if (k == "-cutoff") q.cutoff = std::stoll(next());
    else if (k == "-dsub") q.dsub = std::stoi(next());
    else if (k == "-qepoch") q.epoch = std::stoi(next());
    else if (k == "-qlr") q.lr = std::stod(next());
    else if (k == "-loss") {
      const std::string l = next();
      a.loss = l == "hs" ? LossKind::kHierarchicalSoftmax : l == "ns" ? LossKind::kNegativeSampling
             : l == "ova" ? LossKind::kOneVsAll : LossKind::kSoftmax;
    } else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  const std::string text = read_all(input);
  const double t0 = now_ms();
  std::unique_ptr<FastTextTrainer> trainer;
  check(FastTextTrainer::create(a, text, pretrained, &trainer));
  const double t1 = now_ms();
  TrainProgress p;
  check(trainer->train(&p));
  const double t2 = now_ms();
  ModelFile file;
  check(trainer->model_file(&file));
  std::vector<uint8_t> bytes;
  check(write_model_file(file, &bytes));
  write_file(output + ".bin", bytes);
  if (quantize) {
    if (q.retrain && q.cutoff > 0) {
      check(trainer->start_retrain(q));
      check(trainer->train(&p));
    }
    check(trainer->quantized_model_file(q, &file));
    check(write_model_file(file, &bytes));
    write_file(output + ".ftz", bytes);
  }
  const double seconds = (t2 - t1) / 1000.0;
  std::printf("{\"setup_ms\": %.1f, \"train_s\": %.3f, \"tokens\": %lld, \"tokens_per_s_per_thread\": %.0f, "
              "\"loss\": %.6f}\n",
              t1 - t0, seconds, static_cast<long long>(p.tokens_processed),
              static_cast<double>(p.tokens_processed) / seconds / a.thread, p.loss);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "predict-prob" && argc >= 4) return predict_prob(argc, argv);
  if (cmd == "print-word-vectors" && argc == 3) return print_word_vectors(argv);
  if (cmd == "print-sentence-vectors" && argc == 3) return print_sentence_vectors(argv);
  if (cmd == "nn" && argc == 4) return nn(argv);
  if (cmd == "analogies" && argc == 4) return analogies(argv);
  if (cmd == "test" && argc >= 4) return test(argc, argv);
  if (cmd == "bench" && argc >= 4) return bench(argc, argv);
  if (cmd == "supervised" || cmd == "skipgram" || cmd == "cbow") return train(argc, argv);
  std::fprintf(stderr, "usage: see the comment at the top of embedwasm_fasttext_cli.cpp\n");
  return 2;
}
