#pragma once
// One process-wide pool of persistent worker threads that every hot path shares.
//
// Persistent, not a std::thread per call: starting a thread in the wasm threads build
// hands a message to a Web Worker and costs far more than the work of a small batch,
// and the pool's workers are the build's fixed PTHREAD_POOL_SIZE workers, so threads made
// per call by two users at once would run out of them.
//
// parallel_for(n, grain, fn) cuts [0, n) into fixed tasks of `grain` items (the last one
// shorter), so the cut depends only on (n, grain), never on the thread count. Tasks are
// claimed one at a time by the calling thread and by whichever workers are awake; a caller
// that splits by output rows therefore gets the same bits with any number of threads.
// The caller never waits for a worker that has not started yet (in the browser a worker
// still loading only starts once the main thread returns to the event loop): it runs every
// task nobody claimed and then waits only for tasks already running.
//
// Without threads (the SIMD-only wasm build, which has no pthreads at run time), or when
// called from inside a task, or while another thread's job runs, fn runs inline over the
// same tasks in order.
#include <cstddef>

namespace embedwasm {

// Whether this build can run more than one thread (native, or wasm built with -pthread).
bool threads_supported();

// Threads parallel_for uses by default, the caller included: 1 until set. Clamped to
// [1, 256]; 1 in a build without threads.
int thread_count();
void set_thread_count(int threads);
// Creates the pool's threads for thread_count() now rather than at the first job, so a
// host can see them (the package unrefs their Node workers, which would otherwise keep
// Node alive since they never end). They may begin running later: nothing waits for them.
void start_threads();

// Runs fn(begin, end) once for every task [k * grain, min(n, (k + 1) * grain)).
// max_threads caps the threads taking part (0: thread_count()). fn must not throw.
using TaskFn = void (*)(void* context, size_t begin, size_t end);
void parallel_for_tasks(size_t n, size_t grain, TaskFn fn, void* context, int max_threads = 0);

template <typename Fn>
void parallel_for(size_t n, size_t grain, Fn&& fn, int max_threads = 0) {
  parallel_for_tasks(
      n, grain == 0 ? 1 : grain,
      [](void* context, size_t begin, size_t end) { (*static_cast<Fn*>(context))(begin, end); },
      &fn, max_threads);
}

// Jobs handed to the pool so far (not the ones run inline): lets a test show that a path
// really split its work.
size_t pool_jobs_run();

// The least work worth a task, in floats moved (one float read and written by a gather
// or an axpy counts 1). Measured with tests/bench/threads/native.cpp (pool_bench, wasm
// threads build under Node 20 and native, 2 vCPUs): a job whose helper has not woken
// costs the caller 0.6 us in wasm (0.17 us native) over running inline, and a gather
// moves 16,384 floats in 3.6 us in wasm. Since the caller never waits for a worker that
// has not started, the most a job can lose is that dispatch plus one task a late helper
// is still running, so a task is kept near 4 us: six times the dispatch, and short
// enough to wait for. (The 1-vs-2-thread speed-ups pool_bench printed were taken with
// the machine's load average at 8 on its 2 vCPUs, where a woken helper rarely got a core,
// so they could not place the threshold higher.)
constexpr size_t kMinTaskFloats = 16384;

// Tasks per thread that row_grain aims at. A sleeping helper joins a job about 0.1 ms
// after the caller wakes it (wasm, Node 20), and the last task one thread runs may leave
// the other idle, so smaller tasks waste less at both ends. A 1M x 64 gather of 65,536
// ids (wasm, 2 threads, 300 calls taking turns with 1 thread in one process, three
// processes each) scaled 1.56-1.68x with 4 tasks per thread and 1.83-1.91x with 16; 32
// gave no more.
constexpr size_t kTasksPerThread = 16;

// The grain for n rows of `row_cost` units of work each (floats read or written; a
// caller weighs other work in the same unit): rows / (kTasksPerThread * threads), but
// never a task under min_cost units, below which waking a worker costs more than it
// saves. A grain >= n runs inline.
size_t row_grain(size_t n, size_t row_cost, size_t min_cost);

}  // namespace embedwasm
