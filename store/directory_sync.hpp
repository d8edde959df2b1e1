#pragma once
// After `rename(temp, target)` the new name lives in the directory's own blocks: until they
// reach the disk, a power loss can bring the old name (or no name) back. Syncing the
// directory makes a finished write survive power loss, as SQLite and PostgreSQL do.

#include <string>

namespace callsim::store {

/// Flushes the directory holding `path` to the disk. Best effort: file systems that cannot
/// sync a directory (some network and FUSE file systems) are left as they are, since the
/// file itself was already synced and the rename is atomic there too.
void sync_parent_directory(const std::string& path);

}  // namespace callsim::store
