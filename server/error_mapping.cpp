// The one place where errors become HTTP statuses and problem+json bodies.
// Handlers and the store throw plenary::problem; nothing else picks a status.
#include "server/error_mapping.hpp"

#include "common/access_log.hpp"

#include <boost/json.hpp>
#include <boost/system/system_error.hpp>

#include <new>
#include <string>

namespace plenary::server {

namespace {

struct status_info {
    http::status status;
    const char* slug;  // becomes the problem "type" URI's last segment
};

status_info info_for(errc code) noexcept {
    switch (code) {
        case errc::bad_request: return {http::status::bad_request, "bad-request"};
        case errc::validation: return {http::status::unprocessable_entity, "validation"};
        case errc::unauthorized: return {http::status::unauthorized, "unauthorized"};
        case errc::forbidden: return {http::status::forbidden, "forbidden"};
        case errc::not_found: return {http::status::not_found, "not-found"};
        case errc::method_not_allowed: return {http::status::method_not_allowed, "method-not-allowed"};
        case errc::conflict: return {http::status::conflict, "conflict"};
        case errc::gone: return {http::status::gone, "gone"};
        case errc::payload_too_large: return {http::status::payload_too_large, "payload-too-large"};
        case errc::unsupported_media_type: return {http::status::unsupported_media_type, "unsupported-media-type"};
        case errc::header_too_large: return {http::status::request_header_fields_too_large, "header-too-large"};
        case errc::too_many_requests: return {http::status::too_many_requests, "too-many-requests"};
        case errc::unavailable: return {http::status::service_unavailable, "unavailable"};
        case errc::internal: break;
    }
    return {http::status::internal_server_error, "internal"};
}

}  // namespace

http::status status_for(errc code) noexcept {
    return info_for(code).status;
}

response problem_response(const problem& p, unsigned http_version) {
    const auto info = info_for(p.code());
    boost::json::object body;
    body["type"] = std::string("https://plenary.invalid/problems/") + p.type_slug().value_or(info.slug);
    body["title"] = std::string(http::obsolete_reason(info.status));
    body["status"] = static_cast<int>(info.status);
    body["detail"] = p.detail();
    if (!p.errors().empty()) {
        boost::json::array errors;
        for (const auto& e : p.errors()) errors.push_back({{"field", e.field}, {"message", e.message}});
        body["errors"] = std::move(errors);
    }
    response res{info.status, http_version};
    res.set(http::field::content_type, "application/problem+json");
    res.set(http::field::cache_control, "no-store");
    if (auto after = p.retry_after_seconds()) res.set(http::field::retry_after, std::to_string(*after));
    res.body() = boost::json::serialize(body);
    res.prepare_payload();
    return res;
}

response error_response(std::exception_ptr err, unsigned http_version) {
    try {
        std::rethrow_exception(err);
    } catch (const problem& p) {
        if (p.code() == errc::internal) log_event("error", "internal error", p.what());
        return problem_response(p, http_version);
    } catch (const std::bad_alloc&) {
        return problem_response(problem(errc::unavailable, "server is out of memory, retry later"), http_version);
    } catch (const boost::system::system_error& e) {
        // JSON parse errors from boost::json::parse land here when a handler
        // parses without common/json_body; they are the client's fault.
        if (e.code().category() == boost::json::make_error_code(boost::json::error::syntax).category()) {
            return problem_response(problem(errc::bad_request, "body is not valid JSON"), http_version);
        }
        log_event("error", "unhandled system error", e.what());
    } catch (const std::exception& e) {
        log_event("error", "unhandled exception", e.what());
    } catch (...) {
        log_event("error", "unhandled non-standard exception");
    }
    return problem_response(problem(errc::internal, "internal error"), http_version);
}

}  // namespace plenary::server
