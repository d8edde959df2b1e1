#pragma once
/// \file
/// The optional per-call table: one CallRecord per call of a replication, and the
/// observer that builds them from what the model emits. Stored as `/<run>/calls` by the
/// results store (docs/results-format.md is the contract of the fields).

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "models/call.hpp"
#include "models/center_spec.hpp"
#include "models/ivr.hpp"
#include "models/observer_events.hpp"
#include "sim/time.hpp"

namespace callsim::run {

/// How a call ended. The values are the file's (an HDF5 enum over uint8): never renumber.
enum class CallOutcome : std::uint8_t {
  ANSWERED = 0,         ///< an agent answered it
  ABANDONED = 1,        ///< the caller hung up while waiting
  BALKED = 2,           ///< the caller hung up at once on hearing the queue
  BLOCKED = 3,          ///< busy signal: the queue was full
  CLOSED = 4,           ///< arrived while the center was closed
  IVR_SELF_SERVED = 5,  ///< ended in the IVR, served there
  IVR_HANG_UP = 6,      ///< hung up in the IVR
  CALLED_BACK = 7,      ///< took a callback and was called back (`answer` = the callback, `wait` = the delay)
  TIMED_OUT = 8,        ///< waited its type's max_queue_time and was sent elsewhere (voicemail)
  CLEARED = 9,          ///< disconnected while waiting (or on arrival): closing time, or no agent for it
};

/// The names of the outcomes as the file's enum type spells them, indexed by value.
inline constexpr std::array<std::string_view, 10> kCallOutcomeNames = {
    "answered",        "abandoned",   "balked",      "blocked",   "closed",
    "ivr_self_served", "ivr_hang_up", "called_back", "timed_out", "cleared"};

/// `call_type`, `group` and `agent` of a row that has none.
inline constexpr std::uint32_t kNoIndex = std::numeric_limits<std::uint32_t>::max();

/// One call: times are seconds of simulated time from the start of the warm-up; a time or
/// duration that did not happen (no answer, ...) is NaN. Members are ordered to pack into
/// 88 bytes (a replication's rows are held in memory until written); the file's field
/// order is hdf5::calls_layout()'s.
struct CallRecord {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

  std::uint64_t call = 0;       ///< the call's number within the replication, from 0
  double arrival = kNaN;        ///< entered the system: the IVR, or the queue for a direct call
  double queue_arrival = kNaN;  ///< reached its queue (also when blocked there)
  double answer = kNaN;
  double end = kNaN;      ///< the caller left: end of talk, hang-up, busy signal, ...
  double wait = kNaN;     ///< time in queue: answered, abandoned (balked: 0)
  double talk = kNaN;     ///< answered: talk time (end - answer)
  double wrap_up = kNaN;  ///< answered: after-call work; the agent is free at end + wrap_up
  std::uint32_t replication = 0;
  std::uint32_t call_type = kNoIndex;  ///< kNoIndex for calls that ended in the IVR
  std::uint32_t attempt = 0;           ///< 0 for a first call, n for a caller's n-th retrial
  std::uint32_t group = kNoIndex;      ///< answered: the agent's group
  std::uint32_t agent = kNoIndex;      ///< answered: the agent, numbered across groups from 0
  CallOutcome outcome = CallOutcome::ANSWERED;
  bool counted = false;  ///< counts in the run's KPI tallies (see the format doc)
};
static_assert(sizeof(CallRecord) == 88, "CallRecord: keep the members packed");

/// A model observer that records one replication's calls, one row when each call's
/// outcome is known (an answered call at its answer, which fixes its talk and wrap-up).
/// "Counted" follows analysis::KpiCollector's rule, so the counted rows reproduce its counts.
/// Events that end no call are NullObserver's (ignored).
class CallRecorder : public models::NullObserver {
 public:
  CallRecorder(const models::CenterSpec& spec, std::uint32_t replication);

  void on_answer(const models::CallInfo& call, sim::Time now, const models::Service& service);
  void on_abandon(const models::CallInfo& call, sim::Time now);
  void on_balk(const models::CallInfo& call, sim::Time now);
  void on_callback(const models::CallInfo&, sim::Time) {}  // its row is written when the callback is made
  void on_blocked(const models::CallInfo& call, sim::Time now);
  void on_timed_out(const models::CallInfo& call, sim::Time now);
  void on_cleared(const models::CallInfo& call, sim::Time now);
  void on_closed(const models::CallInfo& call, sim::Time now);
  void on_ivr_exit(const models::CallInfo& call, sim::Time now, models::IvrOutcome outcome);

  /// The rows, ordered by call number (calls whose outcome never came are left out: none
  /// after a run to completion). Call once, at the end.
  std::vector<CallRecord> finish();

 private:
  /// The row of `call`, its common fields filled; `counted_at` is the time the KPI
  /// tallies file the call under.
  CallRecord& row(const models::CallInfo& call, CallOutcome outcome, sim::Time counted_at);

  sim::Time warmup_;
  sim::Time end_;
  std::uint32_t replication_;
  std::vector<CallRecord> rows_;  ///< at index call.id: ids run from 0 without gaps
};

}  // namespace callsim::run
