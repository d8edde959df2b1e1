#include "app/run_size_check.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace callsim::app {

namespace {

std::optional<double> read_number(const std::string& path) {
  std::ifstream in(path);
  double value = 0;
  if (!(in >> value)) return std::nullopt;  // "max" (cgroup v2: no limit) reads as nothing
  return value;
}

std::optional<double> mem_available() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kilobytes = 0;
  std::string unit;
  while (in >> key >> kilobytes) {
    std::getline(in, unit);
    if (key == "MemAvailable:") return kilobytes * 1024;
  }
  const long pages = ::sysconf(_SC_AVPHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) return static_cast<double>(pages) * static_cast<double>(page);
  return std::nullopt;
}

/// Room left under a container's memory limit: cgroup v2, then v1. Limits of 2^62 and more
/// mean "none".
std::optional<double> cgroup_room() {
  const std::pair<const char*, const char*> files[] = {
      {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
      {"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"}};
  for (const auto& [limit_file, usage_file] : files) {
    const auto limit = read_number(limit_file);
    if (!limit || *limit >= 4.0e18) continue;
    const double usage = read_number(usage_file).value_or(0);
    return std::max(0.0, *limit - usage);
  }
  return std::nullopt;
}

std::string two_digits(double v) {
  char text[32];
  std::snprintf(text, sizeof text, v < 10 ? "%.1f" : "%.0f", v);
  return text;
}

/// `seconds` as a planner reads a wall time: "40 s", "12 min", "3.5 h", "2.1 days".
std::string wall_text(double seconds) {
  if (!std::isfinite(seconds) || seconds >= 1e12) return "far too long";
  if (seconds < 90) return two_digits(seconds) + " s";
  if (seconds < 90 * 60) return two_digits(seconds / 60) + " min";
  if (seconds < 48 * 3600) return two_digits(seconds / 3600) + " h";
  return two_digits(seconds / 86400) + " days";
}

}  // namespace

std::string bytes_text(double bytes) {
  if (!std::isfinite(bytes) || bytes >= 1e18) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2g bytes", bytes);
    return text;
  }
  if (bytes < 1000) return std::to_string(static_cast<long long>(bytes)) + " bytes";
  const char* units[] = {"kB", "MB", "GB", "TB", "PB"};
  double v = bytes / 1000;
  std::size_t u = 0;
  while (v >= 999.5 && u + 1 < std::size(units)) {
    v /= 1000;
    ++u;
  }
  return two_digits(v) + " " + units[u];
}

std::string count_text(double count) {
  if (std::isfinite(count)) count = std::round(count);
  if (!std::isfinite(count) || count >= 1e15 || count < 0) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2g", count);
    return text;
  }
  std::string digits = std::to_string(static_cast<long long>(count));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

MachineRoom machine_room(const std::string& output_path) {
  MachineRoom room;
  room.memory = mem_available();
  if (const auto cgroup = cgroup_room()) room.memory = room.memory ? std::min(*room.memory, *cgroup) : *cgroup;
  const std::filesystem::path p(output_path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) == 0) room.disk = static_cast<double>(fs.f_bavail) * static_cast<double>(fs.f_frsize);
  return room;
}

RunSizeVerdict judge_run_size(const app::RunSize& size, const MachineRoom& room, const std::string& output_path,
                              std::uint64_t replications) {
  RunSizeVerdict verdict;
  if (!(size.calls_per_replication <= kMaxCallsPerReplication)) {
    verdict.refusal = "each replication would simulate about " + count_text(size.calls_per_replication) +
                      " calls, more than the 2^53 (9.0e15) a replication can count exactly; check the arrival rates "
                      "and the duration";
    return verdict;
  }
  const double types = size.call_types;
  const std::string variants = size.variants > 1 ? count_text(size.variants) + " variants x " : "";
  const std::string tallies =
      "the interval tallies of " + variants + count_text(static_cast<double>(replications)) +
      (replications == 1 ? " replication x " : " replications x ") + count_text(size.intervals) + " intervals x (1 + " +
      count_text(types) + (types == 1 ? " call type" : " call types") + ") alone take " + bytes_text(size.tally_bytes);
  // Name what takes the memory, and what to change about it.
  const bool queues = size.system_bytes > size.tally_bytes;
  const std::string running =
      size.running > 1 ? " in each of the " + count_text(size.running) + " replications running at a time" : "";
  const std::string what = queues ? "up to " + count_text(size.calls_in_system) + " calls in the system at once" +
                                        running + " take " + bytes_text(size.system_bytes)
                                  : tallies;
  const std::string hint = !queues            ? "use a longer interval, a shorter duration or fewer replications"
                           : size.running > 1 ? "check the arrival rates, the staffing and the patience, or use fewer "
                                                "threads (-j)"
                                              : "check the arrival rates, the staffing and the patience";
  if (room.memory && !(size.memory_bytes <= *room.memory)) {
    verdict.refusal = "this run would need about " + bytes_text(size.memory_bytes) + " of memory (" + what +
                      "), but the machine has " + bytes_text(*room.memory) + " available; " + hint;
    return verdict;
  }
  if (room.disk && !(size.file_bytes <= *room.disk)) {
    verdict.refusal = "the results file '" + output_path + "' would take about " + bytes_text(size.file_bytes) +
                      ", but its file system has " + bytes_text(*room.disk) +
                      " free; free some space, write it elsewhere (--out) or simulate less (fewer replications, a "
                      "longer interval, no --calls)";
    return verdict;
  }
  if (room.memory && size.memory_bytes > *room.memory / 2)
    verdict.warnings.push_back("this run needs about " + bytes_text(size.memory_bytes) + " of memory (" + what +
                               "), more than half of the " + bytes_text(*room.memory) + " available");
  if (room.disk && size.file_bytes > *room.disk / 2)
    verdict.warnings.push_back("the results file '" + output_path + "' will take about " + bytes_text(size.file_bytes) +
                               ", more than half of the " + bytes_text(*room.disk) + " free on its file system");
  if (size.calls > kManyCalls) {
    // callsim simulates 1 to 5 million calls per second and thread (bench/, README), by
    // model: the wall time follows from the replications simulated at once.
    const double in_flight = std::max(1.0, size.running);
    verdict.warnings.push_back(
        "this run simulates about " + count_text(size.calls) + " calls (" + count_text(size.calls_per_replication) +
        " per replication); at 1 to 5 million calls per second per thread, on " + count_text(in_flight) +
        (in_flight == 1 ? " thread" : " threads") + " that takes " + wall_text(size.calls / (5e6 * in_flight)) +
        " to " + wall_text(size.calls / (1e6 * in_flight)));
  }
  return verdict;
}

}  // namespace callsim::app
