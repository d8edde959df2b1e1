#pragma once
/// \file
/// The limits of a scenario, in one place (documented in docs/scenario.md, "Limits"). Each
/// is far beyond what a planner writes, and each keeps a load and a run finite: the loader
/// refuses a value past a limit with a message that states it, so that nothing the
/// simulation or the results writer cannot handle gets through. Internal to scenarios/.

#include <cstddef>
#include <cstdint>

namespace callsim::scenarios::limits {

/// Bytes of a scenario file. yaml-cpp builds up to ~250 bytes of tree per byte of a dense
/// list (measured: 1 MB of `[1,1,...]` takes 235 MB), so this keeps a hostile file's tree
/// near 250 MB; the largest shipped scenario (large-center.yaml, 2,500 agents) is 56 KB.
inline constexpr std::size_t kScenarioBytes = std::size_t{1} << 20;
/// Values (YAML nodes) of a scenario once its aliases are expanded, each `*name` counting as
/// all that its anchor holds. Without aliases a 1 MiB file has at most ~520,000; aliases of
/// aliases let a 100 KB file describe 10^9 breaks or empirical values, which the loader would
/// read one by one for an hour (measured: ~0.6 us per value). 5 million load in ~3 s.
inline constexpr double kExpandedValues = 5e6;
/// Bytes of one CSV (forecast, staffing plan, trace, bank log): a year of the Anonymous
/// Bank's logs is 30 MB, a trace of 10 million calls about 170 MB; a table's cells take
/// a few times the text, which this keeps within a workstation's memory.
inline constexpr std::size_t kCsvBytes = std::size_t{256} << 20;

/// Every duration, and the simulated horizon (warmup + duration): 100 years (36,525 d), in
/// seconds. Times near it keep a resolution of about 0.5 us in a double.
inline constexpr double kDurationSeconds = 36525.0 * 86400.0;
/// Text of trace files parsed in one load: a CSV trace is parsed once however many call
/// types replay it, an Anonymous Bank log once per call type (each picks its own date and
/// types). ~10 s of parsing; 1,000 call types on one 30 MB month log would take minutes.
inline constexpr double kTraceBytesParsed = 1024.0 * 1024 * 1024;
/// Calls replayed from traces, all call types together (8 bytes each in the scenario, and
/// each an arrival of every replication; twice the 10 million calls of a 170 MB trace): a
/// trace without a call_type column read by 1,000 call types replays each row 1,000 times.
inline constexpr double kTraceCalls = 2e7;
/// The shortest reporting interval, seconds.
inline constexpr double kIntervalSeconds = 1;
/// Reporting intervals in the counted period (a year of 1-minute intervals is 525,600).
inline constexpr double kIntervals = 1e6;

/// Calls per hour of one arrival stream (a call type's or the IVR's), after its `scale`.
inline constexpr double kRatePerHour = 1e6;
/// Agents on duty at once in one group (count, plan cell, shift, after staffing_scale).
inline constexpr int kAgentsPerGroup = 100000;
/// Agents of all groups together (each group counted at its most on duty).
inline constexpr double kAgents = 1e6;
/// Call types, agent groups and IVR nodes of one scenario. IVR checks solve a dense system
/// over the nodes (cubic), so their number is kept smaller.
inline constexpr std::size_t kCallTypes = 1000;
inline constexpr std::size_t kAgentGroups = 1000;
inline constexpr std::size_t kIvrNodes = 500;

/// Shifts of one group, and breaks of one shift (the break checks compare every pair).
inline constexpr std::size_t kShiftsPerGroup = 10000;
inline constexpr std::size_t kBreaksPerShift = 100;
/// `--set` overrides of one load (a failed load is reloaded about log2(n) times to find the
/// one to blame).
inline constexpr std::size_t kOverrides = 1000;

/// A call type's queue_capacity and the center's trunk_lines (beyond it, leave the key out: no limit).
inline constexpr int kQueueCapacity = 1000000;
/// A call type's priority, either sign.
inline constexpr int kPriority = 1000000;
/// Entries of balking.by_queue_length.
inline constexpr std::size_t kBalkingEntries = 1000;
/// The least mean of a retrial delay, seconds: a redial at the same instant could repeat
/// for ever at one point of simulated time.
inline constexpr double kRetrialDelayMean = 1;
/// A skill's talk-time multiplier, from 1/kMultiplier to kMultiplier.
inline constexpr double kMultiplier = 100;
/// A skill's preference level.
inline constexpr int kSkillLevel = 1000;
/// busyness.cv (a gamma factor with cv 2 has shape 0.25, already wilder than any real day).
inline constexpr double kBusynessCv = 2;
/// Variants of a `day_mix`: a few years of observed days.
inline constexpr std::size_t kDayMixVariants = 2000;
/// A day mix variant's volume factor on arrival rates.
inline constexpr double kDayMixVolume = 100;
/// A distribution's plain-number parameter (cv, shape).
inline constexpr double kDistributionNumber = 1000;
/// A routing parameter that is a count (reserved agents, min_priority).
inline constexpr int kRoutingCount = 1000000;
/// A routing parameter that is a relative weight (weighted_groups' weights).
inline constexpr double kRoutingWeight = 1e6;
/// Any amount of money in `costs` (per hour, minute, call or period).
inline constexpr double kAmount = 1e9;
/// Bytes of a name that becomes part of the results (scenario, call type, group, IVR node).
inline constexpr std::size_t kNameBytes = 64;

}  // namespace callsim::scenarios::limits
