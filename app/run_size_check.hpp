#pragma once
/// \file
/// Before simulating: does the run fit the machine? The estimate (app/run_size.hpp) is
/// compared with the memory available (MemAvailable, or a container's cgroup limit when
/// lower) and the free space of the results file's file system (statvfs). A run that cannot
/// fit is refused (exit 2) with the figures; one that takes more than half of either is let
/// through with a warning.

#include <optional>
#include <string>
#include <vector>

#include "app/run_size.hpp"

namespace callsim::app {

/// What the machine has, in bytes; nullopt where it cannot be told.
struct MachineRoom {
  std::optional<double> memory;  ///< available to this process now
  std::optional<double> disk;    ///< free to an unprivileged user on the results file's file system
};

/// The memory this process can still use (MemAvailable from /proc/meminfo, else the free
/// physical pages, capped by a cgroup v1/v2 limit minus the usage), and the free space of
/// the file system of the directory of `output_path`.
MachineRoom machine_room(const std::string& output_path);

/// The verdict: `refusal` non-empty when the run cannot fit (one sentence, printed after
/// "callsim COMMAND: "), else the warnings to print (each after "warning: ").
struct RunSizeVerdict {
  std::string refusal;
  std::vector<std::string> warnings;
};

/// A replication counts its calls in float64 fields of the results file, exact up to 2^53;
/// a replication expected to simulate more is refused (it could never be written).
inline constexpr double kMaxCallsPerReplication = 9007199254740992.0;  // 2^53
/// Beyond this many calls in all, a warning says the run will take a while.
inline constexpr double kManyCalls = 1e9;

/// Judges `size` against `room` (pure). `output_path` and `replications` are for messages.
RunSizeVerdict judge_run_size(const app::RunSize& size, const MachineRoom& room, const std::string& output_path,
                              std::uint64_t replications);

/// "4.6 GB", "812 kB", "17 bytes", "1.2e+300 bytes": decimal units, two significant digits.
std::string bytes_text(double bytes);
/// "5,259,600" for whole numbers below 10^15, else "1.2e+300".
std::string count_text(double count);

}  // namespace callsim::app
