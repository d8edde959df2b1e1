// The per-call table: rows agree with the KPI tallies of the same run, carry consistent
// times, come out the same for any thread count, and survive the HDF5 round trip; the
// in-order hand-over behind the streaming; `callsim run --calls`.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "run/call_records.hpp"
#include "run/experiment.hpp"
#include "run/in_order_delivery.hpp"
#include "spec_builders.hpp"
#include "store/hdf5_call_table.hpp"
#include "store/results_store.hpp"

using namespace callsim::analysis;
using namespace callsim::run;
using namespace callsim::store;
using callsim::models::CenterSpec;
using callsim::sim::Time;
namespace fs = std::filesystem;

namespace {

/// Every outcome happens: two call types (one with a small queue, balking and retrials),
/// two groups (only one takes type "b"), patience, a closed hour, an IVR, and a warm-up.
CenterSpec outcomes_center() {
  CenterSpec spec;
  spec.name = "outcomes";
  spec.time.warmup = Time(3600);
  spec.time.duration = Time(6 * 3600);
  spec.call_types = {test_specs::type("a", 160, 240, 120), test_specs::type("b", 90, 180, 90)};
  spec.call_types[0].max_queue_time = Time(100);  // some of a's patient callers are sent to voicemail
  auto& b = spec.call_types[1];
  b.queue_capacity = 2;
  b.balk_probability = {0, 0.3};
  b.retrial.probability = 0.5;
  b.retrial.delay = test_specs::constant(300);
  b.retrial.as_type = 1;
  spec.agent_groups = {test_specs::group("generalists", {"a", "b"}, 7), test_specs::group("specialists", {"a"}, 4)};
  spec.open_hours = {{Time(0), Time(3 * 3600)}, {Time(4 * 3600), Time(8 * 3600)}};  // closed 3h-4h
  callsim::models::IvrSpec ivr;
  ivr.arrivals = callsim::sim::PiecewiseRate::constant(60.0 / 3600);
  callsim::models::IvrNode menu;
  menu.name = "menu";
  menu.duration = test_specs::constant(30);
  menu.branches = {{1, 0.2}, {2, 0.1}, {3, 0.7}};  // to exits 0, 1, 2 (targets past the one node)
  ivr.nodes = {menu};
  ivr.exits = {{"self", callsim::models::IvrOutcome::SELF_SERVED, 0},
               {"gone", callsim::models::IvrOutcome::HANG_UP, 0},
               {"agent", callsim::models::IvrOutcome::QUEUE, 0}};
  spec.ivr = ivr;
  return spec;
}

bool same_bits(double x, double y) { return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y); }

/// Field by field, times bit for bit (NaN equals NaN).
bool same_row(const CallRecord& x, const CallRecord& y) {
  return x.replication == y.replication && x.call == y.call && x.call_type == y.call_type && x.attempt == y.attempt &&
         x.outcome == y.outcome && x.counted == y.counted && same_bits(x.arrival, y.arrival) &&
         same_bits(x.queue_arrival, y.queue_arrival) && same_bits(x.answer, y.answer) && same_bits(x.end, y.end) &&
         same_bits(x.wait, y.wait) && same_bits(x.talk, y.talk) && same_bits(x.wrap_up, y.wrap_up) &&
         x.group == y.group && x.agent == y.agent;
}

void require_same_rows(const std::vector<CallRecord>& x, const std::vector<CallRecord>& y) {
  REQUIRE(x.size() == y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    INFO("row " << i);
    REQUIRE(same_row(x[i], y[i]));
  }
}

/// A run's rows as on_calls hands them over, and the replication order it used.
struct Recorded {
  RunResult run;
  std::vector<CallRecord> rows;
  std::vector<std::size_t> order;
};

Recorded run_recording(const CenterSpec& spec, std::size_t replications, unsigned threads) {
  Recorded out;
  ExperimentOptions options;
  options.seed = 7;
  options.replications = replications;
  options.threads = threads;
  options.on_calls = [&](std::size_t r, std::vector<CallRecord>&& calls) {
    out.order.push_back(r);
    out.rows.insert(out.rows.end(), calls.begin(), calls.end());
  };
  out.run = run_in_process(spec, options);
  return out;
}

std::size_t count(const std::vector<CallRecord>& rows, CallOutcome outcome, std::uint32_t type = kNoIndex) {
  std::size_t n = 0;
  for (const auto& r : rows) n += r.counted && r.outcome == outcome && (type == kNoIndex || r.call_type == type);
  return n;
}

/// A fresh, empty directory, removed with what is in it.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() / ("callsim-calls-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path_), fs::directory_iterator{}));
  }

 private:
  fs::path path_;
};

ResultsFile contents_of(const RunResult& run) {
  ResultsFile file;
  file.callsim_version = "test";
  file.command_line = "call_records_test";
  file.seed = 7;
  file.scenario_path = "outcomes.yaml";
  file.scenario_text = "name: outcomes\n";
  file.runs = {run};
  return file;
}

/// `n` made-up rows of replication `r`, every field distinct from its neighbours'.
std::vector<CallRecord> synthetic_rows(std::uint32_t r, std::size_t n) {
  std::vector<CallRecord> rows(n);
  for (std::size_t i = 0; i < n; ++i) {
    CallRecord& c = rows[i];
    c.replication = r;
    c.call = i;
    c.call_type = static_cast<std::uint32_t>(i % 2);
    c.attempt = static_cast<std::uint32_t>(i % 3);
    c.outcome = static_cast<CallOutcome>(i % kCallOutcomeNames.size());
    c.counted = i % 5 != 0;
    c.arrival = 0.1 * static_cast<double>(i) + r;
    c.queue_arrival = c.arrival + 1.5;
    if (c.outcome == CallOutcome::ANSWERED || c.outcome == CallOutcome::CALLED_BACK) {
      c.answer = c.queue_arrival + 2.25;
      c.talk = 100 + static_cast<double>(i % 7);
      c.end = c.answer + c.talk;
      c.wait = c.answer - c.queue_arrival;
      c.wrap_up = 0.5;
      c.group = static_cast<std::uint32_t>(i / kCallOutcomeNames.size() % 2);
      c.agent = static_cast<std::uint32_t>(i % 11);
    }
  }
  return rows;
}

/// A run of `reps` empty replications with two call types and `groups` agent groups.
RunResult synthetic_run(const std::string& name, std::size_t reps, std::size_t groups) {
  RunResult run;
  run.name = name;
  run.call_types = {"x", "y"};
  for (std::size_t g = 0; g < groups; ++g) run.agent_groups.push_back("g" + std::to_string(g));
  run.replications.resize(reps);
  for (auto& r : run.replications) r.groups.resize(groups);
  return run;
}

bool command_succeeds(const std::string& command) { return std::system(command.c_str()) == 0; }

}  // namespace

TEST_CASE("call records: counted rows per outcome equal the KPI tallies of the same run", "[call_records]") {
  const CenterSpec spec = outcomes_center();
  const Recorded rec = run_recording(spec, 3, 1);
  REQUIRE(rec.run.replications.size() == 3);
  std::map<std::uint32_t, std::vector<CallRecord>> by_rep;
  for (const auto& row : rec.rows) by_rep[row.replication].push_back(row);
  REQUIRE(by_rep.size() == 3);
  for (std::uint32_t r = 0; r < 3; ++r) {
    INFO("replication " << r);
    const auto& rows = by_rep[r];
    const KpiTally& t = rec.run.replications[r].total;
    REQUIRE(rows.size() == rec.run.replications[r].calls_simulated);  // every call, warm-up included
    REQUIRE(count(rows, CallOutcome::ANSWERED) == t.answered);
    REQUIRE(count(rows, CallOutcome::ABANDONED) + count(rows, CallOutcome::BALKED) == t.abandoned);
    REQUIRE(count(rows, CallOutcome::BALKED) == t.balked);
    REQUIRE(count(rows, CallOutcome::BLOCKED) == t.blocked);
    REQUIRE(count(rows, CallOutcome::CLOSED) == t.closed);
    REQUIRE(count(rows, CallOutcome::IVR_SELF_SERVED) == t.ivr_self_served);
    REQUIRE(count(rows, CallOutcome::IVR_HANG_UP) == t.ivr_hang_up);
    REQUIRE(count(rows, CallOutcome::TIMED_OUT) == t.timed_out);
    // The scenario makes every outcome happen, counted, and calls outside the counted period.
    for (const auto o :
         {CallOutcome::ANSWERED, CallOutcome::ABANDONED, CallOutcome::BALKED, CallOutcome::BLOCKED, CallOutcome::CLOSED,
          CallOutcome::IVR_SELF_SERVED, CallOutcome::IVR_HANG_UP, CallOutcome::TIMED_OUT}) {
      INFO("outcome " << kCallOutcomeNames[static_cast<std::size_t>(o)]);
      REQUIRE(count(rows, o) > 0);
    }
    REQUIRE(std::count_if(rows.begin(), rows.end(), [](const CallRecord& c) { return !c.counted; }) > 0);

    std::uint64_t offered = 0, retrials = 0, within = 0;
    double wait_answered = 0;
    for (const auto& c : rows) {
      if (!c.counted) continue;
      const bool was_offered = c.outcome == CallOutcome::ANSWERED || c.outcome == CallOutcome::ABANDONED ||
                               c.outcome == CallOutcome::BALKED || c.outcome == CallOutcome::CALLED_BACK ||
                               c.outcome == CallOutcome::TIMED_OUT;
      offered += was_offered;
      retrials += was_offered && c.attempt > 0;
      if (c.outcome == CallOutcome::ANSWERED) {
        wait_answered += c.wait;
        within += c.wait <= spec.service_level_threshold.seconds();
      }
    }
    REQUIRE(offered == t.offered);
    REQUIRE(retrials == t.retrials);
    REQUIRE(retrials > 0);
    REQUIRE(within == t.answered_within);
    REQUIRE(wait_answered == Approx(t.wait_answered).epsilon(1e-12));  // summed in another order

    // Per call type, over the intervals: the type a row names is the one the tallies use.
    for (std::uint32_t k = 0; k < 2; ++k) {
      KpiTally type_total;
      for (std::size_t i = k; i < rec.run.replications[r].interval_types.size(); i += 2)
        type_total += rec.run.replications[r].interval_types[i];
      REQUIRE(count(rows, CallOutcome::ANSWERED, k) == type_total.answered);
      REQUIRE(count(rows, CallOutcome::BLOCKED, k) == type_total.blocked);
    }
    // Handled per group: answered counted rows by their group.
    for (std::uint32_t g = 0; g < 2; ++g) {
      const auto handled = std::count_if(rows.begin(), rows.end(), [&](const CallRecord& c) {
        return c.counted && c.outcome == CallOutcome::ANSWERED && c.group == g;
      });
      REQUIRE(static_cast<std::uint64_t>(handled) == rec.run.replications[r].groups[g].handled);
    }
  }
}

TEST_CASE("call records: times and agents of each row are consistent", "[call_records]") {
  const CenterSpec spec = outcomes_center();
  const Recorded rec = run_recording(spec, 2, 1);
  const double warmup = spec.time.warmup.seconds(), end = warmup + spec.time.duration.seconds();
  std::uint64_t expected_call = 0;
  std::uint32_t previous_rep = 0;
  for (const auto& c : rec.rows) {
    INFO("replication " << c.replication << " call " << c.call);
    if (c.replication != previous_rep) expected_call = 0;
    previous_rep = c.replication;
    REQUIRE(c.call == expected_call++);  // ordered by call number, none missing
    REQUIRE(std::isfinite(c.arrival));
    REQUIRE(c.end >= c.arrival);
    const bool answered = c.outcome == CallOutcome::ANSWERED;
    const bool in_ivr = c.outcome == CallOutcome::IVR_SELF_SERVED || c.outcome == CallOutcome::IVR_HANG_UP;
    const bool queued = !in_ivr && c.outcome != CallOutcome::CLOSED;
    REQUIRE(std::isnan(c.queue_arrival) == !queued);
    REQUIRE((c.call_type == kNoIndex) == in_ivr);
    if (queued) {
      REQUIRE(c.queue_arrival >= c.arrival);
      REQUIRE(c.counted == (c.queue_arrival >= warmup && c.queue_arrival < end));
    } else {
      REQUIRE(c.counted == (c.arrival >= warmup && c.arrival < end));
    }
    if (c.outcome == CallOutcome::CLOSED) {
      REQUIRE(c.arrival >= 3 * 3600);
      REQUIRE(c.arrival < 4 * 3600 + 0.0);
    }
    REQUIRE(std::isnan(c.answer) == !answered);
    REQUIRE(std::isnan(c.talk) == !answered);
    REQUIRE(std::isnan(c.wrap_up) == !answered);
    REQUIRE((c.group == kNoIndex) == !answered);
    REQUIRE((c.agent == kNoIndex) == !answered);
    if (answered) {
      REQUIRE(c.wait == c.answer - c.queue_arrival);
      REQUIRE(c.end == c.answer + c.talk);
      REQUIRE(c.wait >= 0);
      REQUIRE(c.talk > 0);
      REQUIRE(c.wrap_up == 0);
      REQUIRE(c.group < 2);
      if (c.call_type == 1) REQUIRE(c.group == 0);  // only the generalists take type b
      // Agents are numbered across groups: the generalists' 7 first, then the specialists.
      REQUIRE((c.group == 0 ? c.agent < 7 : (c.agent >= 7 && c.agent < 11)));
    } else if (c.outcome == CallOutcome::ABANDONED) {
      REQUIRE(c.wait == c.end - c.queue_arrival);
      REQUIRE(c.wait > 0);
    } else if (c.outcome == CallOutcome::TIMED_OUT) {
      REQUIRE(c.wait == c.end - c.queue_arrival);
      REQUIRE(c.wait == Approx(100).margin(1e-9));  // type a's max_queue_time
      REQUIRE(c.call_type == 0);
    } else if (c.outcome == CallOutcome::BALKED) {
      REQUIRE(c.wait == 0);
      REQUIRE(c.call_type == 1);
    } else {
      REQUIRE(std::isnan(c.wait));
      if (c.outcome == CallOutcome::BLOCKED) REQUIRE(c.call_type == 1);  // the one with a queue limit
    }
  }
  REQUIRE(expected_call > 0);
}

TEST_CASE("call records: recording changes no tally and the rows are the same for 1, 2 and 3 threads",
          "[call_records][reproducibility]") {
  const CenterSpec spec = outcomes_center();
  std::vector<CallRecord> calls;
  const ReplicationResult plain = simulate_replication(spec, 7, 4);
  const ReplicationResult recorded = simulate_replication(spec, 7, 4, calls);
  REQUIRE(plain.calls_simulated == recorded.calls_simulated);
  REQUIRE(plain.total.answered == recorded.total.answered);
  REQUIRE(plain.total.wait_all == recorded.total.wait_all);
  REQUIRE(plain.total.busy_time == recorded.total.busy_time);
  REQUIRE(plain.total.staffed_time == recorded.total.staffed_time);
  REQUIRE(calls.size() == plain.calls_simulated);

  const Recorded one = run_recording(spec, 6, 1);
  const Recorded two = run_recording(spec, 6, 2);
  const Recorded three = run_recording(spec, 6, 3);
  const std::vector<std::size_t> in_order = {0, 1, 2, 3, 4, 5};
  REQUIRE(one.order == in_order);
  REQUIRE(two.order == in_order);
  REQUIRE(three.order == in_order);
  require_same_rows(one.rows, two.rows);
  require_same_rows(one.rows, three.rows);
}

TEST_CASE("call records: the calls table reads back exactly beside the tallies", "[call_records][results_store]") {
  const TempDir dir("roundtrip");
  const CenterSpec spec = outcomes_center();
  const std::string path = dir.file("calls.h5");
  std::vector<CallRecord> all;
  RunResult run;
  {
    ResultsWriter writer(path);
    ExperimentOptions options;
    options.seed = 7;
    options.replications = 3;
    options.threads = 2;
    options.on_calls = [&](std::size_t, std::vector<CallRecord>&& calls) {
      writer.append_calls(spec.name, calls);
      all.insert(all.end(), calls.begin(), calls.end());
    };
    run = run_in_process(spec, options);
    REQUIRE_FALSE(fs::exists(path));  // nothing under the name before finish()
    writer.finish(contents_of(run));
  }
  REQUIRE(all.size() > hdf5::kCallChunkRows / 4);
  require_same_rows(read_call_records(path, spec.name), all);
  const ResultsFile back = read_results_file(path);  // the table does not disturb the rest
  REQUIRE(back.runs.size() == 1);
  REQUIRE(back.runs[0].replications.size() == 3);
  REQUIRE(back.runs[0].replications[2].total.answered == run.replications[2].total.answered);
  REQUIRE(dir.entries() == 1);  // no temp file left

  REQUIRE_THROWS_WITH(read_call_records(path, "nope"), Catch::Contains("no run 'nope'"));
  const std::string plain = dir.file("plain.h5");
  write_results_file(plain, contents_of(run));
  REQUIRE_THROWS_WITH(read_call_records(plain, spec.name), Catch::Contains("'/outcomes/calls' is missing"));
}

TEST_CASE("call records: appends across chunk boundaries read back in order", "[call_records][results_store]") {
  const TempDir dir("chunks");
  const std::string path = dir.file("chunks.h5");
  const RunResult run = synthetic_run("synthetic", 3, 2);
  // Sizes that straddle, fill exactly and stay within chunks; an empty append too.
  const std::vector<std::size_t> sizes = {hdf5::kCallChunkRows - 3, 0, 5, hdf5::kCallChunkRows,
                                          2 * hdf5::kCallChunkRows + 17};
  std::vector<CallRecord> all;
  {
    ResultsWriter writer(path);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      const auto rows = synthetic_rows(static_cast<std::uint32_t>(std::min<std::size_t>(i, 2)), sizes[i]);
      writer.append_calls(run.name, rows);
      all.insert(all.end(), rows.begin(), rows.end());
    }
    writer.finish(contents_of(run));
  }
  require_same_rows(read_call_records(path, run.name), all);
}

TEST_CASE("call records: the writer refuses rows that do not fit the run and leaves nothing behind",
          "[call_records][results_store]") {
  const TempDir dir("refuse");
  const RunResult run = synthetic_run("small", 1, 1);  // synthetic rows use groups 0 and 1
  const std::string path = dir.file("r.h5");
  {
    ResultsWriter writer(path);
    // Two rounds of the outcomes: the second round's answered rows name group 1.
    writer.append_calls("small", synthetic_rows(0, 2 * kCallOutcomeNames.size()));
    REQUIRE_THROWS_WITH(writer.finish(contents_of(run)),
                        Catch::Contains("names agent group 1 but the run has 1 agent group"));
    REQUIRE_THROWS_WITH(writer.append_calls("small", synthetic_rows(0, 1)), Catch::Contains("earlier step"));
  }
  REQUIRE(dir.entries() == 0);
  {
    ResultsWriter writer(path);
    writer.append_calls("other", synthetic_rows(0, 10));
    REQUIRE_THROWS_WITH(writer.finish(contents_of(run)), Catch::Contains("run 'other', which is not written"));
  }
  REQUIRE(dir.entries() == 0);
  {
    ResultsWriter writer(path);  // abandoned half-way: the destructor cleans up
    writer.append_calls("small", synthetic_rows(0, 10));
  }
  REQUIRE(dir.entries() == 0);
  REQUIRE_THROWS_WITH(ResultsWriter(dir.file("missing/r.h5")), Catch::Contains("does not exist"));
}

TEST_CASE("in-order delivery hands items over in index order and holds workers back", "[call_records]") {
  std::vector<std::size_t> seen;
  InOrderDelivery<int> delivery(2, [&](std::size_t i, int&& item) {
    REQUIRE(item == static_cast<int>(10 * i));
    seen.push_back(i);
  });
  delivery.deliver(2, 20);
  delivery.deliver(1, 10);
  REQUIRE(seen.empty());  // 0 is not in yet
  REQUIRE(delivery.most_waiting() == 2);
  delivery.deliver(0, 0);
  REQUIRE(seen == std::vector<std::size_t>{0, 1, 2});
  REQUIRE(delivery.delivered() == 3);

  // Item 5 may not start before 3 is delivered (window 2 from next = 3 allows 3 and 4).
  std::atomic<bool> started{false};
  std::thread worker([&] {
    if (delivery.wait_turn(5)) started = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE_FALSE(started);
  delivery.deliver(3, 30);
  worker.join();
  REQUIRE(started);
}

TEST_CASE("in-order delivery stops on a failing consumer and releases waiting workers", "[call_records]") {
  InOrderDelivery<int> delivery(1, [](std::size_t i, int&&) {
    if (i == 1) throw std::runtime_error("disk full");
  });
  delivery.deliver(0, 0);
  std::atomic<int> result{-1};
  std::thread worker([&] { result = delivery.wait_turn(2) ? 1 : 0; });
  REQUIRE_THROWS_WITH(delivery.deliver(1, 1), "disk full");
  worker.join();
  REQUIRE(result == 0);
  delivery.deliver(2, 2);  // dropped
  REQUIRE(delivery.delivered() == 1);
}

TEST_CASE("call records: a failing consumer stops run_experiment with its error", "[call_records]") {
  ExperimentOptions options;
  options.replications = 8;
  options.threads = 2;
  std::mutex mutex;
  std::size_t calls = 0;
  options.on_calls = [&](std::size_t r, std::vector<CallRecord>&&) {
    const std::lock_guard lock(mutex);
    ++calls;
    if (r == 2) throw std::runtime_error("cannot write");
  };
  REQUIRE_THROWS_WITH(run_in_process(outcomes_center(), options), "cannot write");
  REQUIRE(calls == 3);
}

TEST_CASE("run --calls writes a calls table that h5dump reads, the same for 1 and 2 threads", "[cli][call_records]") {
  const TempDir dir("cli");
  const std::string yaml = dir.file("small.yaml");
  std::ofstream(yaml) << "name: small\ntime: {warmup: 1h, duration: 10h}\ncall_types:\n  - name: general\n"
                         "    arrivals: {rate: 300/h}\n    service: {distribution: exponential, mean: 180s}\n"
                         "    patience: {distribution: exponential, mean: 120s}\n"
                         "agent_groups:\n  - {name: agents, skills: [general], count: 15}\n";
  const auto run = [&](const std::string& args) {
    return std::system(
        (std::string(CALLSIM_BINARY) + " run " + yaml + " -r 4 --quiet " + args + " 2>" + dir.file("err.txt")).c_str());
  };
  REQUIRE(run("--calls --threads 1 --out " + dir.file("t1.h5")) == 0);
  REQUIRE(run("--calls --threads 2 --out " + dir.file("t2.h5")) == 0);
  REQUIRE(run("--threads 2 --out " + dir.file("none.h5")) == 0);
  const auto one = read_call_records(dir.file("t1.h5"), "small");
  require_same_rows(one, read_call_records(dir.file("t2.h5"), "small"));
  const ResultsFile file = read_results_file(dir.file("t1.h5"));
  std::uint64_t simulated = 0, answered = 0;
  for (const auto& r : file.runs[0].replications) {
    simulated += r.calls_simulated;
    answered += r.total.answered;
  }
  REQUIRE(one.size() == simulated);
  REQUIRE(count(one, CallOutcome::ANSWERED) == answered);
  REQUIRE(one.back().replication == 3);
  REQUIRE_THROWS_WITH(read_call_records(dir.file("none.h5"), "small"), Catch::Contains("is missing"));

  if (command_succeeds("/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1")) {
    const std::string text_path = dir.file("py.txt");
    REQUIRE(command_succeeds("/usr/bin/python3 '" + std::string(CALLSIM_SOURCE_DIR) + "/docs/read_results.py' '" +
                             dir.file("t1.h5") + "' >'" + text_path + "' 2>&1"));
    std::ifstream in(text_path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    INFO(text);
    std::uint64_t counted = 0;
    for (const auto& c : one) counted += c.counted;
    REQUIRE(text.find("per-call table: " + std::to_string(one.size()) + " calls, " + std::to_string(counted) +
                      " counted") != std::string::npos);
    char line[64];
    std::snprintf(line, sizeof line, "%12llu  answered", static_cast<unsigned long long>(answered));
    REQUIRE(text.find(line) != std::string::npos);
  } else {
    WARN("/usr/bin/python3 cannot import h5py and numpy: skipping the example reader check");
  }

  if (!command_succeeds("command -v h5dump >/dev/null 2>&1")) {
    WARN("h5dump not found (Debian package hdf5-tools): skipping the h5dump check");
    return;
  }
  const std::string out = dir.file("dump.txt");
  REQUIRE(command_succeeds("h5dump -H -p -d /small/calls '" + dir.file("t1.h5") + "' >'" + out + "' 2>&1"));
  std::ifstream in(out);
  const std::string dump((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  INFO(dump);
  REQUIRE(dump.find("H5T_ENUM") != std::string::npos);
  REQUIRE(dump.find("\"ivr_hang_up\"") != std::string::npos);
  REQUIRE(dump.find("DEFLATE") != std::string::npos);
  REQUIRE(dump.find("SHUFFLE") != std::string::npos);
  REQUIRE(dump.find("CHUNKED ( " + std::to_string(hdf5::kCallChunkRows) + " )") != std::string::npos);
  REQUIRE(dump.find("( " + std::to_string(one.size()) + " ) / ( H5S_UNLIMITED )") != std::string::npos);
}
