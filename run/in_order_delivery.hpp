#pragma once
/// \file
/// Hands what replications produce on a thread pool to one consumer in replication order
/// (0, 1, 2, ...), whatever order they finish in, so what the consumer writes is the same
/// for any thread count. Workers are held back from running more than `window`
/// replications ahead of the next one due, so what waits for its turn stays small.

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <utility>

namespace callsim::run {

template <class Item>
class InOrderDelivery {
 public:
  using Consumer = std::function<void(std::size_t index, Item&& item)>;

  /// `window` >= 1: at most that many items, from `next` on, are being made or waiting.
  InOrderDelivery(std::size_t window, Consumer consumer) : window_(window), consumer_(std::move(consumer)) {}

  /// Blocks until item `index` may be made (index < next due + window). Returns false,
  /// at once, when delivery has stopped: the worker should then not make it.
  bool wait_turn(std::size_t index) {
    std::unique_lock lock(mutex_);
    turn_.wait(lock, [&] { return stopped_ || index < next_ + window_; });
    return !stopped_;
  }

  /// Takes item `index` and delivers every item whose turn has come. The consumer runs on
  /// one thread at a time (whichever delivers), outside the lock, so other workers keep
  /// handing in items meanwhile. If the consumer throws, delivery stops and the exception
  /// reaches the caller. After a stop, items are dropped.
  void deliver(std::size_t index, Item item) {
    std::unique_lock lock(mutex_);
    if (stopped_) return;
    waiting_.emplace(index, std::move(item));
    most_waiting_ = std::max(most_waiting_, waiting_.size());
    if (delivering_) return;  // that thread will find this item
    delivering_ = true;
    for (auto it = waiting_.find(next_); it != waiting_.end() && !stopped_; it = waiting_.find(next_)) {
      Item due = std::move(it->second);
      waiting_.erase(it);
      lock.unlock();
      try {
        consumer_(next_, std::move(due));  // next_ only changes on this thread while delivering_
      } catch (...) {
        lock.lock();
        delivering_ = false;
        stopped_ = true;
        turn_.notify_all();
        throw;
      }
      lock.lock();
      ++next_;
      turn_.notify_all();
    }
    delivering_ = false;
  }

  /// Stops delivery (a worker failed: the items after its own will never be due) and
  /// wakes the workers waiting for their turn.
  void stop() {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
    turn_.notify_all();
  }

  /// Items delivered so far.
  [[nodiscard]] std::size_t delivered() const {
    const std::lock_guard lock(mutex_);
    return next_;
  }
  /// The most items that ever waited for their turn at once.
  [[nodiscard]] std::size_t most_waiting() const {
    const std::lock_guard lock(mutex_);
    return most_waiting_;
  }

 private:
  const std::size_t window_;
  Consumer consumer_;
  mutable std::mutex mutex_;
  std::condition_variable turn_;
  std::map<std::size_t, Item> waiting_;
  std::size_t next_ = 0;
  std::size_t most_waiting_ = 0;
  bool delivering_ = false;
  bool stopped_ = false;
};

}  // namespace callsim::run
