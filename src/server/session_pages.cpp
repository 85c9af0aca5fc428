// Sessions: the login form (with its own CSRF cookie and the login throttle), logout, and the planner's API
// tokens. Logins, logouts, refusals and throttling go to the security log, without secrets.
#include <spdlog/spdlog.h>

#include "server/credentials.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/portal.hpp"
#include "server/html.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using model::Timestamp;

constexpr std::chrono::hours session_lifetime{8};

Timestamp now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

constexpr std::chrono::hours login_form_lifetime{1};

// A line in the security log about this request's client (app.hpp, log_value).
std::string client_text(const Context& ctx) {
    return ctx.req.client_addr.empty() ? ctx.req.remote_addr : ctx.req.client_addr;
}

void login_form(Context& ctx, int status, const std::string& error, const std::string& name) {
    auto token = ctx.req.cookie(ctx.app.cookies.name(login_cookie));
    if (token.empty()) {
        token = random_token(32);
        ctx.res.add_header("Set-Cookie", ctx.app.cookies.set(login_cookie, token, "/login", login_form_lifetime));
    }
    Html h;
    h("<h1>Agency log in</h1>");
    if (!error.empty()) h("<p class=\"error-summary\" role=\"alert\">{}</p>", error);
    h("<form method=\"post\" action=\"/login\" class=\"card\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<div class=\"field\"><label for=\"name\">User name</label><input id=\"name\" name=\"name\" "
      "autocomplete=\"username\" required value=\"{}\"></div><div class=\"field\"><label for=\"password\">Password"
      "</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
      "required></div><button type=\"submit\">Log in</button></form>",
      token, name);
    send_page(ctx, status, "Log in", h, std::nullopt);
}

void login_page(Context& ctx) {
    if (ctx.session) return redirect(ctx, "/workspace");
    login_form(ctx, 200, "", "");
}

// A verification against a fixed hash for unknown names, so response times do not reveal which names exist.
const std::string& decoy_hash() {
    static const std::string hash = hash_password(random_token(16));
    return hash;
}

std::string wait_text(std::chrono::seconds wait) {
    if (wait.count() < 120) return std::to_string(wait.count()) + " seconds";
    return std::to_string((wait.count() + 59) / 60) + " minutes";
}

void login(Context& ctx) {
    const auto name = ctx.form("name");
    const auto password = ctx.form("password");
    const auto expected = ctx.req.cookie(ctx.app.cookies.name(login_cookie));
    const bool token_ok = !expected.empty() && equal_secret(ctx.form("csrf"), expected);
    if (!token_ok || !same_origin(ctx)) {
        spdlog::warn("security: csrf-failure status=403 type=csrf route=\"POST /login\" caller=anonymous user={} "
                     "client={} check={}",
                     log_value(name), client_text(ctx), token_ok ? "origin" : "token");
        return login_form(ctx, 403, "Your login form expired. Please try again.", name);
    }
    auto& throttle = *ctx.app.login_throttle;
    const auto client = client_text(ctx);
    if (const auto decision = throttle.check(name, client, &ctx.store); !decision.allowed()) {
        spdlog::warn("security: login-throttled user={} client={} limit={} retry_after={}s", log_value(name), client,
                     decision.limit == LoginThrottle::Limit::pair ? "account+address" : "address",
                     decision.retry_after.count());
        ctx.res.set_header("Retry-After", std::to_string(decision.retry_after.count()));
        return login_form(ctx, 429, "Too many failed attempts. Try again in " + wait_text(decision.retry_after) + ".",
                          name);
    }
    auto user = ctx.store.user(name);
    const bool ok = verify_password(password, user ? user->password_hash : decoy_hash()) && user.has_value();
    if (!ok) {
        const auto next = throttle.failure(name, client, &ctx.store);
        spdlog::warn("security: login-failed user={} client={} reason={} retry_after={}s", log_value(name), client,
                     user ? "wrong-password" : "unknown-user", next.retry_after.count());
        return login_form(ctx, 401, "Wrong user name or password.", name);
    }
    throttle.success(name, client, &ctx.store);
    const auto id = random_token(32);
    store::Session session{user->name, random_token(32), now(), now() + session_lifetime, {}};
    session.previous_visit = ctx.store.record_visit(user->name, now());
    ctx.store.create_session(digest(id), session);
    ctx.res.add_header("Set-Cookie", ctx.app.cookies.set(session_cookie, id, "/",
                                                         std::chrono::duration_cast<std::chrono::seconds>(
                                                             session_lifetime)));
    // The login form's token has done its job; a new one comes with the next form.
    ctx.res.add_header("Set-Cookie", ctx.app.cookies.set(login_cookie, "", "/login", std::chrono::seconds(0)));
    spdlog::info("security: login-ok user={} client={}", log_value(user->name), client);
    redirect(ctx, "/workspace");
}

void logout(Context& ctx) {
    require_csrf(ctx);
    ctx.store.delete_session(ctx.session_digest);
    ctx.res.add_header("Set-Cookie", ctx.app.cookies.set(session_cookie, "", "/", std::chrono::seconds(0)));
    spdlog::info("security: logout user={} client={}", log_value(ctx.caller.user), client_text(ctx));
    redirect(ctx, "/");
}

void tokens_page_with(Context& ctx, const std::string& fresh) {
    Html h;
    h("<h1>API tokens</h1><p>A token lets a program use the API as you (<code>Authorization: Bearer …</code>).</p>");
    if (!fresh.empty()) {
        h("<p class=\"notice\" role=\"status\">Your new token (shown once; copy it now): <code>{}</code></p>", fresh);
    }
    h("<form method=\"post\" action=\"/workspace/tokens\" class=\"card\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"{}\"><div class=\"field\"><label for=\"t-label\">Label</label><input id=\"t-label\" name=\"label\" "
      "required></div><button type=\"submit\">Create token</button></form><ul>",
      ctx.session->csrf);
    for (const auto& t : ctx.store.tokens(ctx.caller.user)) {
        if (t.revoked_at) {
            h("<li>{} (created {}; revoked {})</li>", t.label, when_text(t.created_at), when_text(*t.revoked_at));
        } else {
            h("<li>{} (created {}) <form method=\"post\" action=\"/workspace/tokens/{}/revoke\"><input type=\"hidden\" "
              "name=\"csrf\" value=\"{}\"><button class=\"danger\" type=\"submit\">Revoke</button></form></li>",
              t.label, when_text(t.created_at), t.id, ctx.session->csrf);
        }
    }
    h("</ul>");
    send_page(ctx, 200, "API tokens", h, std::nullopt);
}

void tokens_page(Context& ctx) {
    require_session(ctx);
    tokens_page_with(ctx, "");
}

void create_token(Context& ctx) {
    require_csrf(ctx);
    const auto token = generate_api_token();
    auto label = ctx.form("label");
    if (label.empty()) label = "unnamed";
    ctx.store.create_token(ctx.caller.user, digest(token), label.substr(0, 100));
    tokens_page_with(ctx, token);
}

void revoke_token(Context& ctx) {
    require_csrf(ctx);
    const auto id = positive_id(ctx.path_param("id"), "token");
    if (!ctx.store.revoke_token(id, ctx.caller.user)) throw not_found("token", ctx.path_param("id"));
    redirect(ctx, "/workspace/tokens");
}
}  // namespace

void add_session_routes(App& app) {
    app.add(page("GET", "/login", "Log in", login_page));
    app.add(page("POST", "/login", "Log in", login));
    app.add(page("POST", "/logout", "Log out", logout));
    app.add(page("GET", "/workspace/tokens", "API tokens", tokens_page));
    app.add(page("POST", "/workspace/tokens", "Create an API token", create_token));
    app.add(page("POST", "/workspace/tokens/{id}/revoke", "Revoke an API token", revoke_token));
}

}  // namespace ger::server::detail
