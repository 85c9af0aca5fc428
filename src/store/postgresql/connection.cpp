#include "store/postgresql/connection.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <unordered_map>
#include <vector>

#include "store/error.hpp"
#include "store/postgresql/backup.hpp"
#include "store/postgresql/change_listener.hpp"
#include "store/postgresql/migrations.hpp"

namespace ger::store::postgresql {
namespace {

// NOTE: SQLite's busy timeout (store/sqlite/connection.cpp): long enough to ride out another writer's import of
// the bundled data set, short enough that a stuck writer surfaces as an error instead of a hang.
constexpr auto wait_limit = std::chrono::seconds(10);
constexpr const char* session_settings = "SET lock_timeout = '10s'; SET client_min_messages = warning";

// The advisory lock every write transaction takes ("ger-writ" in ASCII): one writer at a time per database.
constexpr long long write_lock_key = 0x6765722d77726974LL;

constexpr Oid bytea_oid = 17;
constexpr Oid int8_oid = 20;
constexpr Oid text_oid = 25;
constexpr Oid float8_oid = 701;
constexpr Oid bool_oid = 16;

int pool_size() {
    if (const char* text = std::getenv("GER_DB_POOL")) {
        const int n = std::atoi(text);
        if (n >= 1 && n <= 1000) return n;
    }
    return 8;
}

using ResultPtr = std::unique_ptr<pg_result, void (*)(pg_result*)>;
ResultPtr own(PGresult* result) { return ResultPtr(result, PQclear); }

// The store's error for a failed statement: constraint violations are IntegrityError, as on SQLite.
[[noreturn]] void fail(const PGresult* result, PGconn* conn, const std::string& context) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result ? PQresultErrorMessage(result) : "";
    if (message.empty()) message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    const std::string sqlstate = state ? state : "";
    const std::string text = context + ": " + message;
    if (sqlstate.rfind("23", 0) == 0) throw IntegrityError(text);
    if (sqlstate == "55P03") throw StoreError(context + ": database is locked (another writer held it for 10 s)");
    throw StoreError(text);
}

void ignore_notice(void*, const char*) {}

// NOTE: each connection keeps the statements it has run prepared, so PostgreSQL parses and plans each text once
// per connection instead of once per call (a write runs about ten statements under the writers' lock). The
// store's texts are constants, so the cache stays small; the bound is against a caller that builds texts.
constexpr std::size_t prepared_limit = 512;

// The most statements a transaction sends before it waits for their answers (PgConnection::send_later).
constexpr std::size_t max_queued = 64;

}  // namespace

// A pooled connection and the statements prepared on it (named s0, s1, ...; a statement's key is its text and
// its parameter types, the same pair an unnamed PQexecParams would send).
struct PooledConnection {
    explicit PooledConnection(PGconn* c) : conn(c) {}
    ~PooledConnection() { PQfinish(conn); }
    PooledConnection(const PooledConnection&) = delete;
    PooledConnection& operator=(const PooledConnection&) = delete;

    PGconn* conn;
    std::unordered_map<std::string, std::string> prepared;
    unsigned long long next_name = 0;
};

namespace {

// Every `?N` outside quotes becomes `$N`; `used` records which numbers the text names.
std::string numbered_parameters(std::string_view sql, std::vector<bool>& used) {
    std::string out;
    out.reserve(sql.size() + 8);
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            out += c;
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            out += c;
            continue;
        }
        if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            std::size_t j = i + 1;
            int n = 0;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
            if (static_cast<int>(used.size()) < n) used.resize(static_cast<std::size_t>(n), false);
            used[static_cast<std::size_t>(n - 1)] = true;
            out += '$';
            out.append(sql.substr(i + 1, j - i - 1));
            i = j - 1;
            continue;
        }
        out += c;
    }
    return out;
}

// Whether a statement changes data: it then needs the write lock even outside a transaction.
bool writes(std::string_view sql) {
    std::size_t i = 0;
    while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '(')) ++i;
    const auto word = sql.substr(i, 6);
    return !(word.size() == 6 && strncasecmp(word.data(), "SELECT", 6) == 0);
}

}  // namespace

std::string redacted(const std::string& url) {
    // postgresql://user:password@host/...: the password goes.
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const auto at = url.find('@', scheme + 3);
    const auto slash = url.find('/', scheme + 3);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
    const auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon) + ":***" + url.substr(at);
}

namespace {

// Invalidates a counter cache when it goes out of scope: after a statement that may have changed the counters,
// however it ended.
class Invalidates {
public:
    explicit Invalidates(sql::CounterCache& cache) : m_cache(cache) {}
    ~Invalidates() { m_cache.invalidate(); }
    Invalidates(const Invalidates&) = delete;
    Invalidates& operator=(const Invalidates&) = delete;

private:
    sql::CounterCache& m_cache;
};

}  // namespace

// The connections of one database URL, shared by every PgConnection of the process.
class Pool {
public:
    static std::shared_ptr<Pool> of(const std::string& url) {
        static std::mutex registry;
        // NOTE: never destroyed: the pools outlive every Store, including those in static objects.
        static auto* pools = new std::map<std::string, std::shared_ptr<Pool>>;
        const std::lock_guard lock(registry);
        auto& pool = (*pools)[url];
        if (!pool) pool = std::make_shared<Pool>(url);
        return pool;
    }

    explicit Pool(std::string url) : m_url(std::move(url)), m_name(redacted(m_url)), m_limit(pool_size()) {}

    // A connection of its own for the caller; waits while all are lent, up to wait_limit.
    std::unique_ptr<PooledConnection> acquire() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            while (!m_idle.empty()) {
                auto pooled = std::move(m_idle.back());
                m_idle.pop_back();
                if (PQstatus(pooled->conn) == CONNECTION_OK) return pooled;
                --m_open;
            }
            if (m_open < m_limit) break;
            if (!m_freed.wait_for(lock, wait_limit, [&] { return !m_idle.empty() || m_open < m_limit; })) {
                throw StoreError(m_name + ": no database connection free for 10 s (" + std::to_string(m_limit) +
                                 " in use; GER_DB_POOL sets how many)");
            }
        }
        ++m_open;
        lock.unlock();
        try {
            return std::make_unique<PooledConnection>(connect());
        } catch (...) {
            lock.lock();
            --m_open;
            m_freed.notify_one();
            throw;
        }
    }

    // Takes a connection back; one that is broken or still inside a transaction is closed instead.
    void release(std::unique_ptr<PooledConnection> pooled) noexcept {
        const bool reusable =
            PQstatus(pooled->conn) == CONNECTION_OK && PQtransactionStatus(pooled->conn) == PQTRANS_IDLE;
        if (!reusable) pooled.reset();
        const std::lock_guard lock(m_mutex);
        if (reusable) {
            m_idle.push_back(std::move(pooled));
        } else {
            --m_open;
        }
        m_freed.notify_one();
    }

    int limit() const { return m_limit; }

    // The change counters as this process knows them (store/sql/counter_cache.hpp); kept only once follow().
    sql::CounterCache& counters() { return m_counters; }
    void follow() {
        std::call_once(m_follow_once, [this] {
            m_listener = std::make_unique<ChangeListener>(m_url, m_counters);
            m_following.store(true, std::memory_order_release);
        });
    }
    bool following() const { return m_following.load(std::memory_order_acquire); }

private:
    PGconn* connect() {
        const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
        const char* values[] = {m_url.c_str(), "10", "ger", nullptr};
        PGconn* conn = PQconnectdbParams(keys, values, 1);
        if (!conn || PQstatus(conn) != CONNECTION_OK) {
            std::string message = conn ? PQerrorMessage(conn) : "out of memory";
            while (!message.empty() && message.back() == '\n') message.pop_back();
            PQfinish(conn);
            throw StoreError("cannot connect to " + m_name + ": " + message);
        }
        PQsetNoticeProcessor(conn, ignore_notice, nullptr);
        auto result = own(PQexec(conn, session_settings));
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
            try {
                fail(result.get(), conn, m_name);
            } catch (...) {
                PQfinish(conn);
                throw;
            }
        }
        return conn;
    }

    std::string m_url;
    std::string m_name;
    int m_limit;
    std::mutex m_mutex;
    std::condition_variable m_freed;
    std::vector<std::unique_ptr<PooledConnection>> m_idle;
    int m_open = 0;  // lent and idle
    sql::CounterCache m_counters;
    std::once_flag m_follow_once;
    std::atomic<bool> m_following{false};
    std::unique_ptr<ChangeListener> m_listener;  // after m_counters, which it tells
};

// What one round trip answered: the first failure (if any), and the answer to the last statement sent.
struct PgConnection::Synced {
    ResultPtr failure{nullptr, PQclear};
    ResultPtr last{nullptr, PQclear};  // null when an Answer took it
    bool complete = false;  // every statement answered (false: the connection failed on the way)
};

class PgConnection::Lease {
public:
    explicit Lease(Pool& pool) : m_pool(pool), m_pooled(pool.acquire()) {}
    ~Lease() {
        if (!m_sent.empty()) sync();  // answers nobody waits for; the connection stays usable (or is dropped)
        m_pool.release(std::move(m_pooled));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PGconn* get() const { return m_pooled->conn; }

    // Statements sent and not answered yet (pipeline mode).
    std::size_t queued() const { return m_sent.size(); }

    // Runs one statement: the first failure's answer (its prepare's, say) or the statement's; nullptr when the
    // connection failed before answering. One round trip, even when the statement is prepared now.
    ResultPtr execute(const Command& command) {
        queue(command);
        auto synced = sync();
        return synced.failure ? std::move(synced.failure) : std::move(synced.last);
    }

    // Sends a statement without waiting for its answer (libpq's pipeline mode), prepared on this connection the
    // first time its text and parameter types are seen; sync() waits for them all.
    void queue(const Command& command) {
        PGconn* conn = m_pooled->conn;
        if (!enter_pipeline()) return;
        const Parameters p(command);
        std::string key = command.sql;
        key.push_back('\0');
        if (p.count > 0) {
            key.append(reinterpret_cast<const char*>(p.types), sizeof(Oid) * static_cast<std::size_t>(p.count));
        }
        auto& prepared = m_pooled->prepared;
        auto found = prepared.find(key);
        bool sent = true;
        if (found == prepared.end() && prepared.size() < prepared_limit) {
            // NOTE: the name counts from the moment its prepare is sent, so that a text queued again before the
            // answer reuses it; a prepare that fails takes its name back (sync).
            std::string name = "s" + std::to_string(m_pooled->next_name++);
            sent = PQsendPrepare(conn, name.c_str(), command.sql.c_str(), p.count, p.types) == 1;
            if (sent) {
                found = prepared.emplace(key, std::move(name)).first;
                m_sent.push_back(Sent{std::move(key), nullptr});
            }
        }
        if (!sent) {
        } else if (found != prepared.end()) {
            sent = PQsendQueryPrepared(conn, found->second.c_str(), p.count, p.values.data(), p.lengths.data(),
                                       p.formats, 0) == 1;
        } else {  // the cache is full: unnamed, parsed each time
            sent = PQsendQueryParams(conn, command.sql.c_str(), p.count, p.types, p.values.data(), p.lengths.data(),
                                     p.formats, 0) == 1;
        }
        if (sent) m_sent.push_back(Sent{{}, command.answer});
        if (!sent) m_broken = true;
    }

    // Waits for the answers of everything queued; each statement's goes to its Answer.
    Synced sync() {
        PGconn* conn = m_pooled->conn;
        Synced out;
        const bool sent = !m_broken && PQpipelineSync(conn) == 1;
        std::size_t next = 0;
        std::size_t answered = 0;
        while (sent) {
            PGresult* answer = PQgetResult(conn);
            if (!answer) {
                if (PQstatus(conn) != CONNECTION_OK) break;
                continue;
            }
            const auto status = PQresultStatus(answer);
            if (status == PGRES_PIPELINE_SYNC) {
                PQclear(answer);
                break;
            }
            auto owned = own(answer);
            if (next >= m_sent.size()) continue;  // not expected: nothing waits for it
            auto& command = m_sent[next++];
            const bool prepare = !command.prepared_key.empty();
            if (prepare && status != PGRES_COMMAND_OK) m_pooled->prepared.erase(command.prepared_key);
            if (status == PGRES_FATAL_ERROR && !out.failure) out.failure = std::move(owned);
            if (prepare) continue;
            ++answered;
            if (!owned) continue;
            if (command.answer) {
                command.answer->deliver(std::move(owned));
            } else if (next == m_sent.size()) {
                out.last = std::move(owned);
            }
        }
        const auto statements = static_cast<std::size_t>(
            std::count_if(m_sent.begin(), m_sent.end(), [](const Sent& s) { return s.prepared_key.empty(); }));
        out.complete = sent && answered == statements;
        for (; next < m_sent.size(); ++next) {  // never answered: the connection failed; their names mean nothing
            if (!m_sent[next].prepared_key.empty()) m_pooled->prepared.erase(m_sent[next].prepared_key);
        }
        m_sent.clear();
        m_broken = false;
        PQexitPipelineMode(conn);
        return out;
    }

    // What arrives for `answer` is dropped.
    void forget(const Answer* answer) noexcept {
        for (auto& sent : m_sent) {
            if (sent.answer == answer) sent.answer = nullptr;
        }
    }

private:
    struct Sent {
        std::string prepared_key;  // a PQsendPrepare's (its answer is no statement's); empty for a statement
        Answer* answer = nullptr;
    };

    // A Command's parameters as the arrays libpq takes.
    struct Parameters {
        explicit Parameters(const Command& c)
            : count(static_cast<int>(c.values.size())), types(c.types.data()), formats(c.formats.data()) {
            values.reserve(c.values.size());
            lengths.reserve(c.values.size());
            for (const auto& v : c.values) {
                values.push_back(v ? v->data() : nullptr);
                lengths.push_back(v ? static_cast<int>(v->size()) : 0);
            }
        }
        int count;
        const Oid* types;
        const int* formats;
        std::vector<const char*> values;
        std::vector<int> lengths;
    };

    bool enter_pipeline() {
        if (m_broken) return false;
        if (PQpipelineStatus(m_pooled->conn) == PQ_PIPELINE_OFF && PQenterPipelineMode(m_pooled->conn) != 1) {
            m_broken = true;
            return false;
        }
        return true;
    }

    Pool& m_pool;
    std::unique_ptr<PooledConnection> m_pooled;
    std::vector<Sent> m_sent;
    bool m_broken = false;  // a send failed: the next sync reports the connection's error
};

namespace {

ResultPtr exec_checked(PGconn* conn, const std::string& sql, const std::string& context) {
    auto result = own(PQexec(conn, sql.c_str()));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), conn, context);
    return result;
}

std::vector<std::string> begin_statements(sql::TransactionKind kind) {
    if (kind == sql::TransactionKind::read) return {"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"};
    return {"BEGIN ISOLATION LEVEL READ COMMITTED",
            "SELECT pg_advisory_xact_lock(" + std::to_string(write_lock_key) + ")"};
}

std::string begin_sql(sql::TransactionKind kind) {
    std::string out;
    for (const auto& statement : begin_statements(kind)) out += (out.empty() ? "" : "; ") + statement;
    return out;
}

}  // namespace

// One statement with its bound values; runs on the first step, and holds all its rows (libpq reads them whole).
class PgCursor final : public sql::Cursor, private PgConnection::Answer {
public:
    PgCursor(PgConnection& db, std::string_view sql)
        : m_db(db), m_sql(numbered_parameters(sql, m_used)), m_result(nullptr, PQclear) {}
    ~PgCursor() override {
        if (m_awaiting) m_db.forget(this);
    }
    PgCursor(const PgCursor&) = delete;
    PgCursor& operator=(const PgCursor&) = delete;

    void bind_text(int index, std::string_view value) override { set(index, std::string(value), 0, 0); }
    void bind_integer(int index, long long value) override { set(index, std::to_string(value), 0, int8_oid); }
    void bind_real(int index, double value) override {
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", value);
        set(index, text, 0, float8_oid);
    }
    void bind_null(int index) override {
        slot(index) = Value{};
    }
    void bind_blob(int index, std::string_view bytes) override { set(index, std::string(bytes), 1, bytea_oid); }

    bool step() override {
        if (m_awaiting) m_db.flush();  // delivers the answer, or throws the failure
        if (!m_result) execute();
        return ++m_row < PQntuples(m_result.get());
    }
    // A write whose rows nobody reads goes without waiting (PgConnection::send_later).
    void run() override {
        if (!m_result && !m_awaiting && writes(m_sql) && m_db.send_later(command(nullptr))) return;
        while (step()) {
        }
    }
    // Sends the statement now, inside a transaction, so that its rows come with the next round trip.
    void prefetch() override {
        if (!m_result && !m_awaiting && m_db.send_later(command(this))) m_awaiting = true;
    }
    void reset() override {
        if (m_awaiting) m_db.forget(this);
        m_awaiting = false;
        m_result.reset();
        m_row = -1;
        m_values.clear();
    }

    bool is_null(int column) const override { return PQgetisnull(m_result.get(), row(), column) != 0; }
    std::string text(int column) const override {
        const int r = row();
        return std::string(PQgetvalue(m_result.get(), r, column),
                           static_cast<std::size_t>(PQgetlength(m_result.get(), r, column)));
    }
    long long integer(int column) const override {
        const char* value = PQgetvalue(m_result.get(), row(), column);
        if (PQftype(m_result.get(), column) == bool_oid) return value[0] == 't' ? 1 : 0;
        return std::strtoll(value, nullptr, 10);
    }
    double real(int column) const override { return std::strtod(PQgetvalue(m_result.get(), row(), column), nullptr); }
    std::string blob(int column) const override {
        const int r = row();
        if (PQftype(m_result.get(), column) != bytea_oid) return text(column);
        std::size_t size = 0;
        unsigned char* bytes =
            PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(m_result.get(), r, column)), &size);
        if (!bytes) throw StoreError(m_db.path() + ": cannot decode a bytea column");
        std::string out(reinterpret_cast<const char*>(bytes), size);
        PQfreemem(bytes);
        return out;
    }
    int column_count() const override { return m_result ? PQnfields(m_result.get()) : 0; }
    sql::ColumnKind kind(int column) const override {
        const int r = row();
        if (PQgetisnull(m_result.get(), r, column)) return sql::ColumnKind::null;
        // NOTE: the schema's types are BIGINT, DOUBLE PRECISION, TEXT and BYTEA (migrations_sql.cpp); the other
        // integer and floating point types read alike, and a boolean as 0 or 1 (integer() reads it so).
        constexpr Oid int2_oid = 21, int4_oid = 23, float4_oid = 700, numeric_oid = 1700;
        switch (PQftype(m_result.get(), column)) {
            case bool_oid:
            case int2_oid:
            case int4_oid:
            case int8_oid: return sql::ColumnKind::integer;
            case float4_oid:
            case float8_oid:
            case numeric_oid: return sql::ColumnKind::real;
            case bytea_oid: return sql::ColumnKind::blob;
            default: return sql::ColumnKind::text;
        }
    }

private:
    struct Value {
        std::optional<std::string> bytes;
        int format = 0;
        Oid type = 0;
    };

    Value& slot(int index) {
        if (index < 1) throw StoreError(m_db.path() + ": parameter ?" + std::to_string(index) + " out of range");
        if (static_cast<int>(m_values.size()) < index) m_values.resize(static_cast<std::size_t>(index));
        return m_values[static_cast<std::size_t>(index - 1)];
    }
    void set(int index, std::string bytes, int format, Oid type) {
        slot(index) = Value{std::move(bytes), format, type};
    }

    int row() const {
        if (!m_result || m_row < 0 || m_row >= PQntuples(m_result.get())) {
            throw StoreError(m_db.path() + ": no row to read");
        }
        return m_row;
    }

    void deliver(ResultPtr result) override {
        m_result = std::move(result);
        m_row = -1;
        m_awaiting = false;
    }

    void execute() {
        m_result = m_db.run(command(nullptr));
        m_row = -1;
    }

    PgConnection::Command command(PgConnection::Answer* answer) {
        // NOTE: a number the text names but nobody bound is NULL, as in SQLite; one it does not name is sent as
        // text so that PostgreSQL need not infer a type it cannot see.
        const std::size_t count = std::max(m_values.size(), m_used.size());
        m_values.resize(count);
        PgConnection::Command out{m_sql, {}, {}, {}, answer};
        out.values.reserve(count);
        out.formats.reserve(count);
        out.types.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            const auto& v = m_values[i];
            out.values.push_back(v.bytes);
            out.formats.push_back(v.format);
            const bool named = i < m_used.size() && m_used[i];
            out.types.push_back(named ? v.type : text_oid);
        }
        return out;
    }

    PgConnection& m_db;
    std::vector<bool> m_used;  // before m_sql: numbered_parameters fills it
    std::string m_sql;
    std::vector<Value> m_values;
    ResultPtr m_result;
    int m_row = -1;
    bool m_awaiting = false;  // sent; its answer comes with the transaction's next round trip
};

PgConnection::PgConnection(const std::string& url) : m_url(url), m_name(redacted(url)), m_pool(Pool::of(url)) {
    Lease probe(*m_pool);  // fails now, naming the URL, when the database cannot be reached
}

PgConnection::~PgConnection() = default;

void PgConnection::exec(std::string_view sql) {
    const std::string text(sql);
    if (m_transaction) {
        if (m_pending_begin && m_held.empty()) {
            exec_checked(m_transaction->get(), begin_sql(*m_pending_begin), m_name);
            m_pending_begin.reset();
        }
        flush();
        exec_checked(m_transaction->get(), text, m_name);
        return;
    }
    Lease lease(*m_pool);
    // NOTE: scripts (migrations, a copy's DELETEs) may change anything, the counters among them.
    const Invalidates counters(m_pool->counters());
    exec_checked(lease.get(), text, m_name);
}

int PgConnection::changes() {
    flush();
    return m_changes;
}

std::unique_ptr<sql::Cursor> PgConnection::prepare(std::string_view sql) {
    return std::make_unique<PgCursor>(*this, sql);
}

namespace {

bool succeeded(const ResultPtr& result) {
    if (!result) return false;
    const auto status = PQresultStatus(result.get());
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

ResultPtr PgConnection::counted(ResultPtr result) {
    const char* changed = result ? PQcmdTuples(result.get()) : nullptr;
    m_changes = changed && *changed ? std::atoi(changed) : 0;
    return result;
}

PgConnection::Synced PgConnection::sync_transaction(const Command* command) {
    for (int attempt = 0;; ++attempt) {
        const bool first = m_pending_begin.has_value();
        if (first) {
            for (const auto& text : begin_statements(*m_pending_begin)) m_transaction->queue(Command{text, {}, {}, {}});
            for (const auto& held : m_held) m_transaction->queue(held);
        }
        if (command) m_transaction->queue(*command);
        auto synced = m_transaction->sync();
        // NOTE: on a connection that turns out dead (the database restarted since it was pooled) nothing of the
        // transaction was committed (its first round trip never carries the COMMIT: see commit), so that round
        // trip is sent again on another; once the pool has none left a fresh one is opened, or the error is the
        // connect's ("cannot connect ..."). A failure later in a transaction is never retried.
        if (first && PQstatus(m_transaction->get()) != CONNECTION_OK && attempt <= m_pool->limit()) {
            m_transaction.reset();
            m_transaction = std::make_unique<Lease>(*m_pool);
            continue;
        }
        if (first) {
            m_pending_begin.reset();
            m_held.clear();
        }
        return synced;
    }
}

void PgConnection::flush() {
    if (!m_transaction) return;
    if (m_pending_begin ? m_held.empty() : m_transaction->queued() == 0) return;
    auto synced = sync_transaction(nullptr);
    if (synced.failure) fail(synced.failure.get(), m_transaction->get(), m_name);
    if (!synced.complete) fail(nullptr, m_transaction->get(), m_name);
    counted(std::move(synced.last));
}

bool PgConnection::send_later(Command command) {
    if (!m_transaction) return false;
    if (m_pending_begin) {
        m_held.push_back(std::move(command));
        if (m_held.size() >= max_queued) flush();
    } else {
        m_transaction->queue(command);
        // NOTE: a bounded depth: the database answers each statement as it runs, and answers nobody reads would
        // fill its socket until it stops reading the statements.
        if (m_transaction->queued() >= max_queued) flush();
    }
    return true;
}

void PgConnection::forget(const Answer* answer) noexcept {
    for (auto& held : m_held) {
        if (held.answer == answer) held.answer = nullptr;
    }
    if (m_transaction) m_transaction->forget(answer);
}

ResultPtr PgConnection::run(const Command& command) {
    if (m_transaction) {
        auto synced = sync_transaction(&command);
        if (synced.failure) fail(synced.failure.get(), m_transaction->get(), m_name);
        if (!synced.complete || !synced.last) fail(nullptr, m_transaction->get(), m_name);
        return counted(std::move(synced.last));
    }
    if (!writes(command.sql)) {
        // NOTE: a read that failed because its connection was dead (the database restarted) changed nothing:
        // it is retried on another connection, as a transaction's first round trip is (sync_transaction).
        for (int attempt = 0;; ++attempt) {
            Lease lease(*m_pool);
            auto result = lease.execute(command);
            if (succeeded(result)) return counted(std::move(result));
            if (PQstatus(lease.get()) == CONNECTION_OK || attempt > m_pool->limit()) {
                fail(result.get(), lease.get(), m_name);
            }
        }
    }
    // A write outside a transaction is a write transaction of its own (the lock included).
    begin(sql::TransactionKind::write);
    try {
        auto result = run(command);
        commit();
        return result;
    } catch (...) {
        rollback();
        throw;
    }
}

void PgConnection::begin(sql::TransactionKind kind) {
    if (m_transaction) throw StoreError(m_name + ": a transaction is already open on this connection");
    // NOTE: BEGIN goes with the transaction's first round trip (sync_transaction).
    m_transaction = std::make_unique<Lease>(*m_pool);
    m_pending_begin = kind;
    m_transaction_kind = kind;
    m_held.clear();
}

void PgConnection::follow_changes() { m_pool->follow(); }

sql::CounterCache* PgConnection::counter_cache() {
    // NOTE: inside a transaction the counters are the transaction's to read, never a kept value.
    return m_pool->following() && !m_transaction ? &m_pool->counters() : nullptr;
}

std::optional<bool> PgConnection::told_of_changes() {
    if (!m_pool->following()) return std::nullopt;
    return m_pool->counters().listening();
}

void PgConnection::commit() {
    if (!m_transaction) throw StoreError(m_name + ": COMMIT without a transaction");
    // NOTE: after the COMMIT, whatever it answered (a connection lost on the way may still have committed), and
    // before the store call returns: the caller's next request must not be served the counters from before.
    std::optional<Invalidates> counters;
    if (m_transaction_kind == sql::TransactionKind::write) counters.emplace(m_pool->counters());
    if (m_pending_begin && m_held.empty()) {  // nothing ran: nothing to commit
        m_pending_begin.reset();
        m_transaction.reset();
        return;
    }
    // NOTE: the statements sent without waiting travel with the COMMIT, one round trip; but not BEGIN: a
    // transaction's first round trip is retried on a dead connection, and one that held the COMMIT might have
    // committed before the connection died.
    if (m_pending_begin) flush();
    const Command commit_command{"COMMIT", {}, {}, {}};
    auto synced = sync_transaction(&commit_command);
    auto lease = std::move(m_transaction);
    if (synced.failure) fail(synced.failure.get(), lease->get(), m_name);
    if (!synced.complete || !synced.last) fail(nullptr, lease->get(), m_name);
    // NOTE: COMMIT of a transaction that an error ended answers "ROLLBACK" without an error.
    if (std::strcmp(PQcmdStatus(synced.last.get()), "ROLLBACK") == 0) {
        throw StoreError(m_name + ": the transaction was rolled back by an earlier error");
    }
}

void PgConnection::rollback() noexcept {
    if (!m_transaction) return;
    auto lease = std::move(m_transaction);
    m_held.clear();
    if (std::exchange(m_pending_begin, std::nullopt)) return;
    if (lease->queued() > 0) lease->sync();
    PQclear(PQexec(lease->get(), "ROLLBACK"));
}

void PgConnection::migrate() { postgresql::migrate(*this); }
int PgConnection::schema_version() { return current_version(*this); }
BackupSummary PgConnection::backup(const std::string& destination) {
    return backup_database(*this, destination);
}

}  // namespace ger::store::postgresql
