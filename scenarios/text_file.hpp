#pragma once
/// \file
/// Reads a whole text file (a scenario, a forecast, a trace) for the loader, with the
/// system's reason when it cannot. Only regular files are read, and only up to a size
/// limit, so that no path (/dev/zero, a FIFO, a huge file) makes a load hang or exhaust
/// memory.

#include <cstddef>
#include <optional>
#include <string>

namespace callsim::scenarios {

/// The bytes of the file at `path`; nullopt when it cannot be opened or read, with `error`
/// set to the reason: the system's ("No such file or directory"), "'PATH' is not a regular
/// file (it is a directory)" (also a FIFO, a device or a socket: refused before any byte is
/// read), or "'PATH' is 5000000 bytes; a WHAT may be at most 1 MiB (1048576 bytes)" when
/// it holds more than `max_bytes` (checked before reading, and again while reading, in
/// case it grows). `what` names the file's role in that message ("scenario file").
std::optional<std::string> read_text_file(const std::string& path, std::size_t max_bytes, const std::string& what,
                                          std::string& error);

/// "1 MiB (1048576 bytes)", "256 MiB (268435456 bytes)": a size limit for messages.
std::string size_limit_text(std::size_t bytes);

}  // namespace callsim::scenarios
