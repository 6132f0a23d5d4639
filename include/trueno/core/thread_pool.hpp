// trueno — the library's one thread pool: parallel_for(tasks, fn) runs fn(0) ... fn(tasks - 1) on up to
// num_threads() threads (the caller is one of them). Callers split work into tasks by size alone, never by
// the thread count, so results are bit-identical for any number of threads. A parallel_for issued from inside
// a task runs serially. The first exception a task throws is rethrown to the caller after every task ends.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "threads.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

class ThreadPool {
 public:
  static ThreadPool& instance() {
    static ThreadPool pool;
    return pool;
  }
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool() {
    {
      std::lock_guard lock(mutex_);
      stop_.store(true, std::memory_order_relaxed);
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
  }

  void parallel_for(std::size_t tasks, const std::function<void(std::size_t)>& fn) {
    const std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(num_threads()), tasks);
    if (threads <= 1 || in_task()) {
      for (std::size_t i = 0; i < tasks; ++i) fn(i);
      return;
    }
    std::unique_lock submit(submit_mutex_);  // one parallel region at a time
    ensure_workers(threads - 1);
    Job job{&fn, tasks};
    {
      std::lock_guard lock(mutex_);
      job_ = &job;
      helpers_wanted_ = threads - 1;
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    run_tasks(job);
    {
      std::unique_lock lock(mutex_);
      done_.wait(lock, [&] { return job.finished == tasks && job.active_helpers == 0; });
      job_ = nullptr;
    }
    if (job.error) std::rethrow_exception(job.error);
  }

 private:
  struct Job {
    Job(const std::function<void(std::size_t)>* f, std::size_t n) : fn(f), tasks(n) {}
    const std::function<void(std::size_t)>* fn;
    std::size_t tasks;
    std::atomic<std::size_t> next{0};
    std::size_t finished = 0;        // guarded by mutex_
    std::size_t active_helpers = 0;  // guarded by mutex_
    std::exception_ptr error;        // guarded by mutex_
  };

  ThreadPool() = default;

  static bool& in_task() {
    thread_local bool flag = false;
    return flag;
  }

  void ensure_workers(std::size_t n) {
    while (workers_.size() < n) workers_.emplace_back([this] { worker_loop(); });
  }

  void run_tasks(Job& job) {
    in_task() = true;
    std::size_t done = 0;
    std::exception_ptr error;
    for (std::size_t i = job.next.fetch_add(1); i < job.tasks; i = job.next.fetch_add(1)) {
      try {
        (*job.fn)(i);
      } catch (...) {
        if (!error) error = std::current_exception();
      }
      ++done;
    }
    in_task() = false;
    std::lock_guard lock(mutex_);
    job.finished += done;
    if (error && !job.error) job.error = error;
  }

  // After a job, a worker watches for the next one for about kSpinMicros before it sleeps on the condition
  // variable: back-to-back parallel regions (a GEMM's panels, a loop of small ops) then start without a
  // wake-up through the kernel, which costs tens of microseconds on a virtual machine.
  static constexpr int kSpinMicros = 50;

  void spin_for_next(std::size_t seen) const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicros);
    while (generation_.load(std::memory_order_acquire) == seen && !stop_.load(std::memory_order_relaxed)) {
      if (std::chrono::steady_clock::now() >= until) return;
      std::this_thread::yield();
    }
  }

  void worker_loop() {
    std::size_t seen = 0;
    std::unique_lock lock(mutex_);
    while (true) {
      if (seen != 0) {
        lock.unlock();
        spin_for_next(seen);
        lock.lock();
      }
      wake_.wait(lock, [&] {
        return stop_.load(std::memory_order_relaxed) ||
               (generation_.load(std::memory_order_relaxed) != seen && job_ != nullptr &&
                helpers_wanted_ > 0);
      });
      if (stop_.load(std::memory_order_relaxed)) return;
      seen = generation_.load(std::memory_order_relaxed);
      --helpers_wanted_;
      Job& job = *job_;
      ++job.active_helpers;
      lock.unlock();
      run_tasks(job);
      lock.lock();
      --job.active_helpers;
      done_.notify_all();
    }
  }

  std::mutex submit_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<std::thread> workers_;
  Job* job_ = nullptr;
  std::size_t helpers_wanted_ = 0;
  std::atomic<std::size_t> generation_{0};  // written under mutex_; read without it while spinning
  std::atomic<bool> stop_{false};           // written under mutex_; read without it while spinning
};

/// Runs fn(i) for i in [0, tasks) on the pool.
inline void parallel_for(std::size_t tasks, const std::function<void(std::size_t)>& fn) {
  ThreadPool::instance().parallel_for(tasks, fn);
}

}  // namespace detail
TRUENO_END_NAMESPACE
