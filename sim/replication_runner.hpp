#pragma once
/// \file
/// Runs independent replications over a pool of threads. Replication r's result depends only
/// on r (its streams come from (seed, r, key)), results are stored at index r, and callers
/// aggregate in index order: the output is the same bytes for any thread count.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace callsim::sim {

/// Calls `simulate(r)` for r in [0, count) on `threads` threads (0: hardware concurrency)
/// and returns the results in replication order. `on_done(r)`, if given, is called after
/// each replication under a lock (for progress). The first exception thrown by a
/// replication stops the others from starting and is rethrown here.
/// `stop`, if given, is asked before each replication starts; once it says true no
/// replication starts any more (an interruption). Replications are started in index order,
/// so those that ran are 0 .. k-1 for some k; the others keep a default Result.
template <class Result, class Simulate>
std::vector<Result> run_replications(std::size_t count, unsigned threads, Simulate&& simulate,
                                     const std::function<void(std::size_t)>& on_done = {},
                                     const std::function<bool()>& stop = {}) {
  std::vector<Result> results(count);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(count, 1)));

  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex mutex;
  auto worker = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      if (stop && stop()) return;
      const std::size_t r = next.fetch_add(1, std::memory_order_relaxed);
      if (r >= count) return;
      try {
        results[r] = simulate(r);
        if (on_done) {
          const std::lock_guard lock(mutex);
          on_done(r);
        }
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  }  // jthreads join here
  if (error) std::rethrow_exception(error);
  return results;
}

}  // namespace callsim::sim
