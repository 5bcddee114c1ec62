#include "embedwasm/core/thread_pool.h"

#include <algorithm>
#include <atomic>

// The SIMD-only wasm build has no threads: pthread_create would compile there but fail at
// run time, so the pool is left out of it altogether.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define EMBEDWASM_POOL_THREADS 0
#else
#define EMBEDWASM_POOL_THREADS 1
#include <pthread.h>

#include <condition_variable>
#include <mutex>
#endif

namespace embedwasm {
namespace {

constexpr int kMaxThreads = 256;
std::atomic<int> g_thread_count{1};
std::atomic<size_t> g_pool_jobs{0};

void run_inline(size_t n, size_t grain, TaskFn fn, void* context) {
  for (size_t begin = 0; begin < n; begin += grain) fn(context, begin, std::min(n, begin + grain));
}

#if EMBEDWASM_POOL_THREADS

thread_local bool t_in_task = false;

// One job at a time (a second caller runs inline). The job lives in the pool, not on the
// caller's stack, so a worker waking late finds it closed instead of reading freed memory:
// a worker joins only an open job, under the mutex, and the caller closes it and waits for
// the joined ones to leave before it returns.
class Pool {
 public:
  static Pool& instance() {
    // Never destroyed: workers block on its members until the process ends (a static
    // destructor joining them would hang exit where a worker cannot be woken).
    static Pool* pool = new Pool();
    return *pool;
  }

  void start(int helpers) {
    std::lock_guard<std::mutex> busy(busy_);
    start_workers(helpers);
  }

  void run(size_t n, size_t grain, TaskFn fn, void* context, int threads) {
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) {
      run_inline(n, grain, fn, context);
      return;
    }
    const size_t tasks = (n + grain - 1) / grain;
    const int helpers = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads - 1), tasks - 1));
    start_workers(helpers);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      n_ = n;
      grain_ = grain;
      fn_ = fn;
      context_ = context;
      tasks_ = tasks;
      next_.store(0, std::memory_order_relaxed);
      seats_ = helpers;
      open_ = true;
      ++generation_;
    }
    wake_.notify_all();
    t_in_task = true;
    work();
    t_in_task = false;
    std::unique_lock<std::mutex> lock(mutex_);
    open_ = false;
    done_.wait(lock, [this] { return joined_ == 0; });
  }

 private:
  void work() {
    for (;;) {
      const size_t k = next_.fetch_add(1, std::memory_order_relaxed);
      if (k >= tasks_) return;
      const size_t begin = k * grain_;
      fn_(context_, begin, std::min(n_, begin + grain_));
    }
  }

  // Raw pthreads with the pool itself as the context: starting a thread allocates nothing
  // beyond what pthread_create does (std::thread would add its own state object).
  void start_workers(int wanted) {
    while (workers_ < wanted) {
      pthread_t thread;
      if (pthread_create(&thread, nullptr, &Pool::worker_main, this) != 0) return;  // the caller runs what is left
      pthread_detach(thread);
      ++workers_;
    }
  }

  static void* worker_main(void* pool) {
    static_cast<Pool*>(pool)->worker_loop();
    return nullptr;
  }

  void worker_loop() {
    t_in_task = true;
    uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return generation_ != seen; });
      seen = generation_;
      if (!open_ || seats_ == 0) continue;
      --seats_;
      ++joined_;
      lock.unlock();
      work();
      lock.lock();
      if (--joined_ == 0 && !open_) done_.notify_one();
    }
  }

  std::mutex busy_;   // held by the one caller whose job runs
  std::mutex mutex_;  // guards the job's fields below except next_
  std::condition_variable wake_;
  std::condition_variable done_;
  int workers_ = 0;  // threads started (detached), guarded by busy_
  uint64_t generation_ = 0;
  bool open_ = false;
  int seats_ = 0;    // helpers that may still join the open job
  int joined_ = 0;   // helpers inside the job
  size_t n_ = 0;
  size_t grain_ = 1;
  size_t tasks_ = 0;
  TaskFn fn_ = nullptr;
  void* context_ = nullptr;
  std::atomic<size_t> next_{0};
};

#endif

}  // namespace

bool threads_supported() { return EMBEDWASM_POOL_THREADS != 0; }

size_t pool_jobs_run() { return g_pool_jobs.load(std::memory_order_relaxed); }

int thread_count() { return g_thread_count.load(std::memory_order_relaxed); }

void set_thread_count(int threads) {
  g_thread_count.store(threads_supported() ? std::clamp(threads, 1, kMaxThreads) : 1, std::memory_order_relaxed);
}

void start_threads() {
#if EMBEDWASM_POOL_THREADS
  if (thread_count() > 1) Pool::instance().start(thread_count() - 1);
#endif
}

size_t row_grain(size_t n, size_t row_cost, size_t min_cost) {
  const size_t per_row = std::max<size_t>(row_cost, 1);
  const size_t min_rows = (min_cost + per_row - 1) / per_row;
  const size_t tasks = kTasksPerThread * static_cast<size_t>(thread_count());
  return std::max<size_t>({min_rows, (n + tasks - 1) / tasks, 1});
}

void parallel_for_tasks(size_t n, size_t grain, TaskFn fn, void* context, int max_threads) {
  if (n == 0) return;
  if (grain == 0) grain = 1;
  const int threads = max_threads > 0 ? std::min(max_threads, kMaxThreads) : thread_count();
#if EMBEDWASM_POOL_THREADS
  if (threads > 1 && n > grain && !t_in_task) {
    g_pool_jobs.fetch_add(1, std::memory_order_relaxed);
    Pool::instance().run(n, grain, fn, context, threads);
    return;
  }
#else
  (void)threads;
#endif
  run_inline(n, grain, fn, context);
}

}  // namespace embedwasm
