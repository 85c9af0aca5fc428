#include "store/postgresql/change_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>


namespace ger::store::postgresql {
namespace {

constexpr int poll_ms = 200;  // how soon the thread sees that it should stop
constexpr auto reconnect_pause = std::chrono::seconds(1);

void ignore_notice(void*, const char*) {}

// A connection that listens, or nullptr.
PGconn* connect_and_listen(const std::string& url) {
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {url.c_str(), "10", "ger-listener", nullptr};
    PGconn* conn = PQconnectdbParams(keys, values, 1);
    if (conn && PQstatus(conn) == CONNECTION_OK) {
        PQsetNoticeProcessor(conn, ignore_notice, nullptr);
        PGresult* result = PQexec(conn, (std::string("LISTEN ") + ChangeListener::channel).c_str());
        const bool listening = PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
        if (listening) return conn;
    }
    PQfinish(conn);
    return nullptr;
}

}  // namespace

struct ChangeListener::State {
    std::string url;
    sql::CounterCache& cache;
    std::atomic<bool> stop{false};
    std::thread thread;

    // NOTE: silent (the store logs nothing): while the database is away its stores fail with their own errors,
    // and the cache, told it is not listening, sends every ask to the database.
    void run() {
        while (!stop.load()) {
            PGconn* conn = connect_and_listen(url);
            if (!conn) {
                pause();
                continue;
            }
            cache.set_listening(true);
            listen(conn);
            cache.set_listening(false);
            PQfinish(conn);
            if (!stop.load()) pause();
        }
    }

    // Until the connection fails or stop is set: every notification invalidates the cache.
    void listen(PGconn* conn) {
        while (!stop.load()) {
            pollfd fd{PQsocket(conn), POLLIN, 0};
            if (fd.fd < 0) return;
            const int ready = ::poll(&fd, 1, poll_ms);
            if (ready < 0) {
                if (errno == EINTR) continue;
                return;
            }
            if (ready == 0) continue;
            if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) return;
            bool any = false;
            while (PGnotify* notice = PQnotifies(conn)) {
                PQfreemem(notice);
                any = true;
            }
            if (any) cache.invalidate();
        }
    }

    void pause() {
        const auto until = std::chrono::steady_clock::now() + reconnect_pause;
        while (!stop.load() && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(poll_ms));
        }
    }
};

ChangeListener::ChangeListener(std::string url, sql::CounterCache& cache)
    : m_state(std::make_shared<State>(std::move(url), cache)) {
    m_state->thread = std::thread([state = m_state] { state->run(); });
}

ChangeListener::~ChangeListener() {
    m_state->stop.store(true);
    if (m_state->thread.joinable()) m_state->thread.join();
}

}  // namespace ger::store::postgresql
