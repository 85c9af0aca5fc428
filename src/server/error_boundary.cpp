#include "server/detail/error_boundary.hpp"

#include <spdlog/spdlog.h>

#include "store/error.hpp"

namespace ger::server::detail {

HttpError current_problem(std::string_view method, std::string_view path) {
    try {
        throw;
    } catch (const HttpError& e) {
        return e;
    } catch (const model::ValidationError& e) {
        return HttpError(Problem::validation, e.what(), e.errors());
    } catch (const store::NotFoundError& e) {
        return HttpError(Problem::not_found, e.what());
    } catch (const store::ConflictError& e) {
        if (e.already_exists()) {
            return HttpError(Problem::already_exists, std::string(e.what()) + "; choose another id", {{"/id", "taken"}});
        }
        return HttpError(Problem::stale_etag, e.what());
    } catch (const store::IntegrityError& e) {
        return HttpError(Problem::in_use, e.what());
    } catch (const store::StoreError& e) {
        spdlog::error("{} {}: store: {}", method, path, e.what());
        HttpError problem(Problem::store_unavailable, "the database cannot serve this request now; try again later");
        problem.headers.emplace_back("Retry-After", "5");
        return problem;
    } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", method, path, e.what());
    } catch (...) {
        spdlog::error("{} {}: an exception that is not a std::exception", method, path);
    }
    return HttpError(Problem::internal, "the server failed; see its log");
}

}  // namespace ger::server::detail
