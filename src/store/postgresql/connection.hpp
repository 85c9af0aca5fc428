// The PostgreSQL implementation of sql::Connection, on libpq.
//
// Connections come from one pool per database URL, shared by every Store of the process (the server's workers
// each hold a Store, not a connection): a statement outside a transaction borrows a connection for as long as it
// runs, a transaction for as long as it is open. A connection the server dropped (a restart, a network failure)
// is discarded when it is returned, and the next borrower opens a fresh one: the store reconnects by itself.
//
// Isolation, written down (store.hpp promises each call is one transaction that cannot race):
// - write transactions run at READ COMMITTED and first take one advisory lock (pg_advisory_xact_lock), held until
//   COMMIT or ROLLBACK: writers are serialized across every process and server, exactly as SQLite's single writer
//   serializes them, so a check-then-insert, MAX(position) + 1 and goal numbers cannot interleave. Each statement
//   of a writer sees everything committed before it took the lock. Readers never wait on it.
// - read transactions run at REPEATABLE READ, READ ONLY: one snapshot for every statement of an export.
// - a statement outside a transaction that writes runs as its own write transaction (lock included).
// With one lock and no other waits there are no deadlocks and no serialization failures to retry; a writer that
// waits longer than lock_timeout (10 s, SQLite's busy timeout) fails with "database is locked", as on SQLite.
//
// Round trips, because writers hold the lock through each of them (docs/PERFORMANCE.md, "Both backends"):
// - every statement is prepared once per pooled connection (its text and parameter types name it) and executed
//   by name after that;
// - BEGIN (and the lock) go with the transaction's first statement, in one message (libpq's pipeline mode);
// - a write whose rows nobody reads (Cursor::run) is sent without waiting; a read announced by prefetch is sent
//   ahead; both are answered with the transaction's next statement that waits, changes() or the COMMIT. Their
//   failure is thrown there, inside the same store call, and the transaction is rolled back as before. At most
//   64 go unanswered, so that unread answers never fill the socket.
// A create of a mission is two round trips under the lock: [BEGIN, lock, its slot, the newest audit entry, the
// reference lists] and [the rows, the audit entry, COMMIT].
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/sql/connection.hpp"

struct pg_conn;
struct pg_result;

namespace ger::store::postgresql {

class Pool;

// The URL as messages may show it: without a password.
std::string redacted(const std::string& url);

class PgConnection final : public sql::Connection {
public:
    // `url`: a libpq connection URI (postgresql://user@host:port/db?...). The pool's size is GER_DB_POOL
    // (default 8) connections per URL.
    explicit PgConnection(const std::string& url);
    ~PgConnection() override;

    sql::Dialect dialect() const override { return sql::Dialect::postgresql; }
    const std::string& path() const override { return m_name; }
    void exec(std::string_view sql) override;
    int changes() override;
    std::unique_ptr<sql::Cursor> prepare(std::string_view sql) override;

    void begin(sql::TransactionKind kind) override;
    void commit() override;
    void rollback() noexcept override;

    void migrate() override;
    int schema_version() override;
    BackupSummary backup(const std::string& destination) override;
    // The pool's change listener (store/postgresql/change_listener.hpp) and its counters.
    void follow_changes() override;
    sql::CounterCache* counter_cache() override;
    std::optional<bool> told_of_changes() override;

    const std::string& url() const { return m_url; }

private:
    // What PgCursor (connection.cpp) runs its statements through.
    friend class PgCursor;
    using ResultPtr = std::unique_ptr<pg_result, void (*)(pg_result*)>;

    // Where a statement's answer goes when it arrives after the call that sent it (a PgCursor).
    class Answer {
    public:
        virtual void deliver(ResultPtr result) = 0;

    protected:
        ~Answer() = default;
    };

    // A statement and its parameters as libpq sends them, copied: it may be sent later, or again on another
    // connection. A value of nullopt is NULL.
    struct Command {
        std::string sql;
        std::vector<std::optional<std::string>> values;
        std::vector<int> formats;
        std::vector<unsigned> types;
        Answer* answer = nullptr;  // nullptr: nobody reads its rows
    };

    // Runs one statement on the open transaction's connection, after whatever the transaction sent without
    // waiting and in the same round trip; outside a transaction, on a borrowed connection (a statement that
    // writes inside its own write transaction). Throws the store's error for a failure.
    ResultPtr run(const Command& command);
    // Inside a transaction: sends a statement without waiting for its answer (true). Its answer reaches
    // command.answer, and its failure is thrown by the transaction's next synchronous step (a statement,
    // changes() or COMMIT), still inside the same store call. Outside one: false, and nothing is sent.
    bool send_later(Command command);
    // Waits for every answer the transaction is owed; throws the first failure.
    void flush();
    // `answer` is going away: what arrives for it is dropped.
    void forget(const Answer* answer) noexcept;

    class Lease;
    struct Synced;
    // Sends what the transaction holds (BEGIN first, if it has not gone) and `command`, then waits for every
    // answer. A transaction's first round trip is retried on another connection when its connection was dead.
    Synced sync_transaction(const Command* command);
    ResultPtr counted(ResultPtr result);

    std::string m_url;
    std::string m_name;
    std::shared_ptr<Pool> m_pool;
    std::unique_ptr<Lease> m_transaction;  // the connection of the open transaction
    // BEGIN not sent yet: it goes with the transaction's first round trip, with m_held, the statements sent
    // "later" before that round trip (kept so that it can be retried whole).
    std::optional<sql::TransactionKind> m_pending_begin;
    sql::TransactionKind m_transaction_kind = sql::TransactionKind::read;
    std::vector<Command> m_held;
    int m_changes = 0;
};

}  // namespace ger::store::postgresql
