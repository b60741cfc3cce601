// Test support: an independent view of LevelDB databases (the stock LevelDB library, not the
// code under test), for building a store's database and reading back what a deletion left.
#pragma once

#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace cookiewarden::test {

using LevelDbEntries = std::map<std::string, std::string>;

// The database at `dir` (created when `create` and missing), open until the pointer goes: while
// it is open, LevelDB's LOCK keeps every other opener out, as a running browser does.
inline std::unique_ptr<leveldb::DB> open_leveldb(const std::filesystem::path& dir, bool create = false) {
  leveldb::Options options;
  options.create_if_missing = create;
  leveldb::DB* raw = nullptr;
  REQUIRE(leveldb::DB::Open(options, dir.string(), &raw).ok());
  return std::unique_ptr<leveldb::DB>(raw);
}

// Every entry written in one batch.
inline void put_leveldb(leveldb::DB& db, const LevelDbEntries& entries) {
  leveldb::WriteBatch batch;
  for (const auto& [k, v] : entries) batch.Put(k, v);
  REQUIRE(db.Write(leveldb::WriteOptions(), &batch).ok());
}

inline LevelDbEntries read_leveldb(const std::filesystem::path& dir) {
  auto db = open_leveldb(dir);
  LevelDbEntries out;
  std::unique_ptr<leveldb::Iterator> it(db->NewIterator(leveldb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) out[it->key().ToString()] = it->value().ToString();
  return out;
}

}  // namespace cookiewarden::test
