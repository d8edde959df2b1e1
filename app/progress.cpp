#include "app/progress.hpp"

#include <cmath>
#include <utility>

namespace callsim::app {

std::string format_duration(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return "--";
  const auto s = static_cast<long long>(std::llround(seconds));
  char text[48];
  if (s < 60) {
    std::snprintf(text, sizeof text, "%lld s", s);
  } else if (s < 3600) {
    std::snprintf(text, sizeof text, "%lld min %02lld s", s / 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld h %02lld min", s / 3600, (s % 3600) / 60);
  }
  return text;
}

std::string format_progress(const ProgressFigures& p) {
  char text[160];
  const int percent = p.total > 0 ? static_cast<int>(100.0 * static_cast<double>(p.done) / p.total) : 100;
  std::string line;
  std::snprintf(text, sizeof text, "replications %zu/%zu (%d%%)", p.done, p.total, percent);
  line = text;
  if (p.elapsed_seconds > 0 && p.calls > 0) {
    const double rate = static_cast<double>(p.calls) / p.elapsed_seconds;
    if (rate >= 1e6) {
      std::snprintf(text, sizeof text, ", %.2f M calls/s", rate / 1e6);
    } else if (rate >= 1e3) {
      std::snprintf(text, sizeof text, ", %.1f k calls/s", rate / 1e3);
    } else {
      std::snprintf(text, sizeof text, ", %.0f calls/s", rate);
    }
    line += text;
  }
  if (p.done >= p.total) return line + ", done";
  if (p.done == 0) return line + ", ETA --";
  const double left = p.elapsed_seconds / static_cast<double>(p.done) * static_cast<double>(p.total - p.done);
  return line + ", ETA " + format_duration(left);
}

ProgressLine::ProgressLine(std::FILE* out, bool enabled, bool in_place, std::size_t total, std::string prefix)
    : out_(out),
      enabled_(enabled),
      in_place_(in_place),
      total_(total),
      prefix_(std::move(prefix)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressLine::update(std::size_t done, std::uint64_t calls) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // A terminal can take ten updates a second; a log file wants fewer lines.
  const auto min_interval = in_place_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(1000);
  if (any_ && done != 1 && done < total_ && now - last_ < min_interval) return;
  last_ = now;
  any_ = true;
  const std::string line =
      prefix_ + format_progress({done, total_, calls, std::chrono::duration<double>(now - start_).count()});
  if (in_place_) {
    // Pad with spaces over what a longer previous line left on screen.
    const std::size_t pad = shown_ > line.size() ? shown_ - line.size() : 0;
    std::fprintf(out_, "\r%s%*s", line.c_str(), static_cast<int>(pad), "");
    shown_ = line.size();
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

void ProgressLine::clear() {
  if (!enabled_ || !in_place_ || shown_ == 0) return;
  std::fprintf(out_, "\r%*s\r", static_cast<int>(shown_), "");
  std::fflush(out_);
  shown_ = 0;
}

}  // namespace callsim::app
