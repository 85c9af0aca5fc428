// A request as the server's handlers see it and the response they fill in, independent of the transport
// (http/transport.hpp) that reads and writes them. Everything in a Request has been checked on the way in: the
// path and the query are percent-decoded and valid UTF-8, header values are valid UTF-8, the body is within the
// server's limit. The body itself is bytes: handlers that read it as text check it (http/url.hpp, json_body).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ger::server::http {

// Header fields in the order they came; names compare without regard to case (RFC 9110, section 5.1).
class Headers {
public:
    using Field = std::pair<std::string, std::string>;

    void add(std::string name, std::string value) { m_fields.emplace_back(std::move(name), std::move(value)); }
    // Replaces every field of that name by one.
    void set(std::string name, std::string value);
    void erase(std::string_view name);
    // The value of the i-th field of that name; nullptr when there is none.
    const std::string* find(std::string_view name, std::size_t i = 0) const;
    std::size_t count(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name) != nullptr; }

    auto begin() const { return m_fields.begin(); }
    auto end() const { return m_fields.end(); }
    std::size_t size() const { return m_fields.size(); }

private:
    std::vector<Field> m_fields;
};

bool iequals(std::string_view a, std::string_view b);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;  // as sent: "GET", "POST", ...
    std::string target;  // as sent: "/api/v1/missions?limit=5"
    std::string path;    // percent-decoded: "/api/v1/missions"
    QueryParams query;   // percent-decoded, in the order sent
    Headers headers;
    std::string body;
    std::string remote_addr;  // the TCP peer's address (a proxy's, behind one)
    // The client's address: remote_addr, or from X-Forwarded-For when remote_addr is a trusted proxy
    // (server/client_address.hpp). Set by the server's dispatcher before any handler runs; what login
    // throttling, the logs and any per-client limit use.
    std::string client_addr;
    bool keep_alive = true;

    bool has_header(std::string_view name) const { return headers.contains(name); }
    // The first value of the header, or "".
    std::string header(std::string_view name) const;
    const std::string* query_value(std::string_view name) const;
    // The value of cookie `name` in the Cookie header, or "".
    std::string cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;

    // Replaces the header (add_header keeps others of the same name, as Set-Cookie needs).
    void set_header(std::string name, std::string value) { headers.set(std::move(name), std::move(value)); }
    void add_header(std::string name, std::string value) { headers.add(std::move(name), std::move(value)); }
    bool has_header(std::string_view name) const { return headers.contains(name); }
    std::string header(std::string_view name) const;
    void set_content(std::string content, std::string content_type);
};

}  // namespace ger::server::http
