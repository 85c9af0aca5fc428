// Typed errors of the store. Callers map them at their edge: ConflictError -> HTTP 409 / exit 1 with
// "reload and retry", NotFoundError -> 404, SchemaError -> "upgrade ger", the rest -> 500.
#pragma once

#include <stdexcept>
#include <string>

namespace ger::store {

// Any failure of the store (I/O, SQL, a broken invariant).
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The database cannot be used by this binary: its schema is newer than the binary knows, or it is not a ger
// database at all.
class SchemaError : public StoreError {
public:
    using StoreError::StoreError;
};

// The record (or the database file) does not exist.
class NotFoundError : public StoreError {
public:
    using StoreError::StoreError;
};

// Optimistic concurrency: the record changed since the caller read it (`actual_version` != `expected_version`),
// or a record to be created already exists. Nothing was written.
class ConflictError : public StoreError {
public:
    ConflictError(std::string record_kind, std::string record_id, int expected_version, int actual_version);
    const std::string& record_kind() const { return m_record_kind; }
    const std::string& record_id() const { return m_record_id; }
    int expected_version() const { return m_expected_version; }
    int actual_version() const { return m_actual_version; }
    // A create that found the id taken (rather than a change based on an old version).
    bool already_exists() const { return m_expected_version == 0; }

private:
    std::string m_record_kind;
    std::string m_record_id;
    int m_expected_version;
    int m_actual_version;
};

// A change would break referential integrity (e.g. deleting a capability that missions still require).
class IntegrityError : public StoreError {
public:
    using StoreError::StoreError;
};

}  // namespace ger::store
