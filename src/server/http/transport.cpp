#include "server/http/transport.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <charconv>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "server/http/range.hpp"
#include "server/http/request_reader.hpp"

namespace ger::server::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using tcp = net::ip::tcp;
using detail::HttpError;

// NOTE: the raw bytes of a head plus one read's worth of body; the parser moves body bytes out as they come, so
// the buffer never holds a whole body (a chunked body over the limit stops at the limit).
constexpr std::size_t read_buffer_limit = 64 * 1024;
constexpr int listen_backlog = 1024;

// "Tue, 01 Dec 2026 20:18:09 GMT" (RFC 9110, section 5.6.7), formatted once a second per thread.
const std::string& http_date() {
    thread_local std::time_t cached_second = 0;
    thread_local std::string cached;
    const std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        char text[40];
        const auto n = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached.assign(text, n);
        cached_second = now;
    }
    return cached;
}

void append_number(std::string& out, std::size_t value) {
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, end);
}

// The status line and header fields of `res`, with Content-Length, Date and Connection.
std::string serialize_head(const Response& res, std::size_t content_length, bool close) {
    std::string head;
    head.reserve(256 + 64 * res.headers.size());
    head += "HTTP/1.1 ";
    append_number(head, static_cast<std::size_t>(res.status));
    head += ' ';
    head += beast_http::obsolete_reason(static_cast<beast_http::status>(res.status));
    head += "\r\nDate: ";
    head += http_date();
    head += "\r\nContent-Length: ";
    append_number(head, content_length);
    head += "\r\n";
    for (const auto& [name, value] : res.headers) {
        if (iequals(name, "Content-Length") || iequals(name, "Connection") || iequals(name, "Date")) continue;
        head += name;
        head += ": ";
        head += value;
        head += "\r\n";
    }
    if (close) head += "Connection: close\r\n";
    head += "\r\n";
    return head;
}

}  // namespace

struct Transport::Impl : std::enable_shared_from_this<Transport::Impl> {
    class Connection;

    TransportOptions options;
    RequestLimits limits;
    RequestHandler handler;
    RejectHandler reject;
    net::io_context io;
    // NOTE: the acceptor lives on its own strand: its completion handler re-arms it while stop() closes it, and
    // an acceptor is not safe to use from two threads at once (a crash seen under ctest -j2 at teardown).
    tcp::acceptor acceptor{net::make_strand(io)};
    std::atomic<bool> stopping{false};
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;

    mutable std::mutex mutex;  // guards the three below
    std::size_t open_count = 0;
    std::unordered_map<std::string, std::size_t> per_address;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> live;

    Impl(TransportOptions o, RequestHandler h, RejectHandler r)
        : options(std::move(o)), handler(std::move(h)), reject(std::move(r)) {
        limits = {options.max_body_bytes, options.max_header_bytes, options.max_header_fields,
                  options.max_target_bytes};
        work.emplace(io.get_executor());
    }

    // Admits a connection from `address` or says why not.
    bool admit(const std::string& address) {
        std::lock_guard lock(mutex);
        if (open_count >= options.max_connections) return false;
        auto& n = per_address[address];
        if (n >= options.max_connections_per_address) return false;
        ++n;
        ++open_count;
        return true;
    }

    void release(const std::string& address, Connection* connection) {
        std::lock_guard lock(mutex);
        live.erase(connection);
        --open_count;
        auto it = per_address.find(address);
        if (it != per_address.end() && --it->second == 0) per_address.erase(it);
    }

    void accept();
    void close_all();
};

class Transport::Impl::Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(std::shared_ptr<Impl> owner, tcp::socket socket, std::string address, bool admitted)
        : m_owner(std::move(owner)), m_stream(std::move(socket)), m_buffer(read_buffer_limit),
          m_address(std::move(address)), m_admitted(admitted) {}

    ~Connection() {
        if (m_admitted) m_owner->release(m_address, this);
    }

    void start() {
        if (!m_admitted) {
            // Over a connection limit: one short answer, then close.
            m_response = {};
            m_response.status = 503;
            m_response.set_header("Retry-After", "5");
            m_response.set_content("too many connections from this address\n", "text/plain; charset=utf-8");
            return write(true, false);
        }
        {
            std::lock_guard lock(m_owner->mutex);
            m_owner->live.emplace(this, weak_from_this());
        }
        read_head(m_owner->options.head_timeout);
    }

    auto executor() { return m_stream.get_executor(); }

    // Called through the connection's strand when the transport stops.
    void shut_down_if_idle() {
        if (m_idle) close();
    }

private:
    void read_head(std::chrono::milliseconds deadline) {
        if (m_owner->stopping) return close();
        m_idle = true;
        m_parser.emplace();
        m_parser->header_limit(static_cast<std::uint32_t>(m_owner->limits.max_header_bytes));
        m_parser->body_limit(m_owner->limits.max_body_bytes);
        m_stream.expires_after(deadline);
        beast_http::async_read_header(m_stream, m_buffer, *m_parser,
                                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                          self->on_head(ec);
                                      });
    }

    void on_head(beast::error_code ec) {
        m_idle = false;
        if (ec) return on_read_error(ec);
        try {
            check_head(m_parser->get(), m_owner->limits);
        } catch (const HttpError& e) {
            return refuse(e);
        }
        if (m_parser->is_done()) return on_request();
        const auto& message = m_parser->get();
        if (beast::iequals(message[beast_http::field::expect], "100-continue")) {
            static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
            m_stream.expires_after(m_owner->options.write_timeout);
            return net::async_write(m_stream, net::buffer(go_on.data(), go_on.size()),
                                    [self = shared_from_this()](beast::error_code e, std::size_t) {
                                        if (e) return self->close();
                                        self->read_body();
                                    });
        }
        read_body();
    }

    void read_body() {
        m_stream.expires_after(m_owner->options.body_timeout);
        beast_http::async_read(m_stream, m_buffer, *m_parser,
                               [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                   if (ec) return self->on_read_error(ec);
                                   self->on_request();
                               });
    }

    void on_read_error(beast::error_code ec) {
        if (ec == beast_http::error::header_limit) {
            return refuse(HttpError(Problem::headers_too_large,
                                    "the request head is over " +
                                        std::to_string(m_owner->limits.max_header_bytes) + " bytes"));
        }
        if (ec == beast_http::error::body_limit) {
            return refuse(HttpError(Problem::body_too_large,
                                    "the request body is over the server's limit of " +
                                        std::to_string(m_owner->limits.max_body_bytes) + " bytes"));
        }
        if (ec == beast::error::timeout) {
            // A client that started a request and did not finish it in time hears why; an idle keep-alive
            // connection just closes.
            if (m_parser && m_parser->got_some()) {
                return refuse(HttpError(Problem::request_timeout, "the request did not arrive in time"));
            }
            return close();
        }
        if (ec == beast_http::error::end_of_stream || ec == net::error::operation_aborted ||
            ec == net::error::connection_reset || ec == net::error::eof || ec == net::error::bad_descriptor) {
            return close();
        }
        if (ec.category() == beast_http::make_error_code(beast_http::error::end_of_stream).category() ||
            ec == beast_http::error::buffer_overflow) {
            return refuse(HttpError(Problem::bad_request, "the request could not be read as HTTP/1.1: " + ec.message()));
        }
        close();
    }

    // An error before the handler: answered, then the connection closes (its framing may be lost).
    void refuse(const HttpError& error) {
        Request partial;
        partial.remote_addr = m_address;
        if (m_parser) {
            const auto& message = m_parser->get();
            partial.method = std::string(message.method_string());
            partial.target = std::string(message.target());
        }
        m_response = {};
        m_owner->reject(partial, error, m_response);
        m_head_only = false;
        write(true, false);
    }

    void on_request() {
        const bool head = m_parser->get().method() == beast_http::verb::head;
        m_response = {};
        bool keep_alive = true;
        Request partial;  // what an error answer may say about a request the checks refuse
        partial.remote_addr = m_address;
        partial.method = std::string(m_parser->get().method_string());
        partial.target = std::string(m_parser->get().target());
        try {
            Request req = to_request(m_parser->release());
            req.remote_addr = m_address;
            keep_alive = req.keep_alive;
            try {
                m_owner->handler(req, m_response);
            } catch (const std::exception& e) {
                spdlog::error("{} {}: {}", req.method, req.path, e.what());
                m_response = {};
                m_owner->reject(req, HttpError(Problem::internal, "the server failed; see its log"), m_response);
            }
            apply_range(req, m_response);
        } catch (const HttpError& e) {  // a request the parser took but the checks refuse: framing is intact
            m_response = {};
            m_owner->reject(partial, e, m_response);
        }
        m_head_only = head;
        write(!keep_alive || m_owner->stopping, true);
    }

    void write(bool close_after, bool may_keep_alive) {
        m_close_after = close_after || !may_keep_alive;
        const std::size_t length = m_response.body.size();
        m_head = serialize_head(m_response, length, m_close_after);
        std::array<net::const_buffer, 2> buffers{net::buffer(m_head),
                                                 m_head_only ? net::const_buffer() : net::buffer(m_response.body)};
        m_stream.expires_after(m_owner->options.write_timeout);
        net::async_write(m_stream, buffers, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            self->on_written(ec);
        });
    }

    void on_written(beast::error_code ec) {
        if (ec || m_close_after) return close();
        m_response = {};
        read_head(m_owner->options.keep_alive_timeout);
    }

    void close() {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_stream.close();
    }

    std::shared_ptr<Impl> m_owner;
    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<beast_http::request_parser<beast_http::string_body>> m_parser;
    Response m_response;
    std::string m_head;
    std::string m_address;
    bool m_admitted;
    bool m_idle = false;
    bool m_head_only = false;
    bool m_close_after = false;
};

void Transport::Impl::accept() {
    acceptor.async_accept(net::make_strand(io), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec == net::error::operation_aborted || !self->acceptor.is_open()) return;
            // EMFILE and friends: wait a moment rather than spin.
            spdlog::warn("accept: {}", ec.message());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            return self->accept();
        }
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        const auto endpoint = socket.remote_endpoint(ignored);
        std::string address = ignored ? std::string("unknown") : endpoint.address().to_string();
        const bool admitted = self->admit(address);
        std::make_shared<Connection>(self, std::move(socket), std::move(address), admitted)->start();
        self->accept();
    });
}

void Transport::Impl::close_all() {
    std::vector<std::shared_ptr<Connection>> connections;
    {
        std::lock_guard lock(mutex);
        for (const auto& [_, weak] : live) {
            if (auto c = weak.lock()) connections.push_back(std::move(c));
        }
    }
    // NOTE: each connection's own strand runs the check, so it never races with the connection's handlers.
    for (auto& c : connections) {
        net::post(c->executor(), [c] { c->shut_down_if_idle(); });
    }
}

Transport::Transport(TransportOptions options, RequestHandler handler, RejectHandler reject)
    : m_impl(std::make_shared<Impl>(std::move(options), std::move(handler), std::move(reject))) {}

Transport::~Transport() {
    stop();
}

int Transport::bind() {
    auto& o = m_impl->options;
    beast::error_code ec;
    const auto address = net::ip::make_address(o.host, ec);
    if (ec) throw std::runtime_error("cannot listen on '" + o.host + "': not an IP address");
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(o.port));
    auto& acceptor = m_impl->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(listen_backlog, ec);
    if (ec) {
        throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + " (" + ec.message() +
                                 (o.port != 0 ? "; in use? try --port)" : ")"));
    }
    // Each connection holds a descriptor: allow as many as the hard limit lets us, for max_connections.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    m_impl->accept();
    return acceptor.local_endpoint().port();
}

void Transport::run() {
    std::size_t n = m_impl->options.threads;
    if (n == 0) n = std::max<std::size_t>(16, 8 * std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> others;
    others.reserve(n - 1);
    for (std::size_t i = 1; i < n; ++i) others.emplace_back([this] { m_impl->io.run(); });
    m_impl->io.run();
    for (auto& t : others) t.join();
}

void Transport::stop() {
    if (m_impl->stopping.exchange(true)) return;
    net::post(m_impl->acceptor.get_executor(), [impl = m_impl] {
        beast::error_code ignored;
        impl->acceptor.close(ignored);
        impl->close_all();
        impl->work.reset();
    });
}

std::size_t Transport::open_connections() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->open_count;
}

}  // namespace ger::server::http
